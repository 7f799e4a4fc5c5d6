using System.Text;
using OrleansStreams.Resp.Cluster;
using OrleansStreams.Resp.Commands;

namespace OrleansStreams.Resp.UnitTests.Cluster;

public sealed class CommandKeysTests
{
    [Theory]
    [InlineData("XADD s * f v", "s")]
    [InlineData("DEL a b c", "a b c")]
    [InlineData("MSET a 1 b 2", "a b")]
    [InlineData("XREAD COUNT 2 STREAMS a b 0 0", "a b")]
    [InlineData("XREADGROUP GROUP g c BLOCK 0 streams a >", "a")]
    [InlineData("XGROUP CREATE s g $", "s")]
    [InlineData("XINFO STREAM s FULL", "s")]
    [InlineData("SINTERCARD 2 a b LIMIT 1", "a b")]
    [InlineData("RENAME a b", "a b")]
    [InlineData("PING", "")]
    [InlineData("CLUSTER KEYSLOT k", "")]
    public void Keys_come_from_the_command_table_and_the_syntax_of_movable_keys(string command, string keys)
    {
        var args = command.Split(' ').Select(Encoding.UTF8.GetBytes).ToArray();
        Assert.True(CommandTable.Default.TryGet(args[0], out var info));
        var found = CommandKeys.Positions(info, args).Select(i => Encoding.UTF8.GetString(args[i]));
        Assert.Equal(keys, string.Join(' ', found));
    }
}
