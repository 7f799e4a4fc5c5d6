using System.Text;
using OrleansStreams.IntegrationTests.Differential;

namespace OrleansStreams.IntegrationTests.HarnessTests;

/// <summary>The script reader splits lines as redis-cli does, so scripts mean the same in both tools.</summary>
public sealed class ScriptLineTests
{
    [Theory]
    [InlineData("XADD s 1-0 f v", new[] { "XADD", "s", "1-0", "f", "v" })]
    [InlineData("  SET   k   v  ", new[] { "SET", "k", "v" })]
    [InlineData("SET k \"a b\"", new[] { "SET", "k", "a b" })]
    [InlineData("SET k \"line\\r\\nbreak\"", new[] { "SET", "k", "line\r\nbreak" })]
    [InlineData("SET k \"q\\\"x\"", new[] { "SET", "k", "q\"x" })]
    [InlineData("SET k 'it\\'s'", new[] { "SET", "k", "it's" })]
    [InlineData("SET k 'no \\n escape'", new[] { "SET", "k", "no \\n escape" })]
    [InlineData("SET k \"\"", new[] { "SET", "k", "" })]
    public void Splits_arguments_like_redis_cli(string line, string[] expected)
    {
        var args = ScriptLine.SplitArguments(line).Select(a => Encoding.UTF8.GetString(a)).ToArray();

        Assert.Equal(expected, args);
    }

    [Fact]
    public void Hex_escapes_give_raw_bytes()
    {
        var args = ScriptLine.SplitArguments("SET k \"a\\x00\\xffb\"");

        Assert.Equal(new byte[] { (byte)'a', 0, 0xff, (byte)'b' }, args[2]);
    }

    [Theory]
    [InlineData("SET k \"open")]
    [InlineData("SET k \"a\"b")]
    public void Unbalanced_or_glued_quotes_are_rejected(string line) =>
        Assert.Throws<FormatException>(() => ScriptLine.SplitArguments(line));

    [Fact]
    public void Prefixes_choose_the_comparison_and_comments_are_skipped()
    {
        var lines = ScriptLine.ParseScript(["# comment", "", "~ XADD s * f v", "? KEYS *", "PING"]);

        Assert.Equal([Comparison.TypeOnly, Comparison.Unordered, Comparison.Exact], lines.Select(l => l.Comparison));
        Assert.Equal([3, 4, 5], lines.Select(l => l.Number));
        Assert.Equal("XADD", Encoding.UTF8.GetString(lines[0].Arguments[0]));
    }
}
