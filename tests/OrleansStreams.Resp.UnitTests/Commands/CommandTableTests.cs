using OrleansStreams.Replies;
using OrleansStreams.Resp.Commands;
using OrleansStreams.Resp.UnitTests.Support;

namespace OrleansStreams.Resp.UnitTests.Commands;

public class CommandTableTests
{
    private static readonly CommandTable Table = CommandTable.Default;

    private static readonly string[] Supported =
        """
        XADD XRANGE XREVRANGE XLEN XDEL XTRIM XSETID XINFO XREAD XGROUP XREADGROUP XACK XPENDING XCLAIM XAUTOCLAIM
        DEL UNLINK EXISTS TYPE KEYS SCAN DBSIZE RENAME RENAMENX SWAPDB FLUSHDB FLUSHALL SELECT EXPIRE PEXPIRE
        EXPIREAT PEXPIREAT TTL PTTL PERSIST GET SET INCR INCRBY DECR DECRBY MGET MSET APPEND STRLEN SETNX SETEX
        HSET HSETNX HGET HMGET HMSET HGETALL HDEL HLEN HKEYS HVALS HEXISTS HINCRBY HSCAN LPUSH RPUSH LPOP RPOP
        LRANGE LLEN SADD SREM SMEMBERS SCARD SISMEMBER MULTI EXEC DISCARD WATCH UNWATCH PING ECHO HELLO AUTH
        CLIENT QUIT RESET COMMAND INFO CONFIG FUNCTION TIME DEBUG SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE
        PUBLISH PUBSUB CLUSTER READONLY READWRITE ASKING
        GETSET GETDEL GETEX INCRBYFLOAT MSETNX GETRANGE SETRANGE HINCRBYFLOAT HSTRLEN HRANDFIELD
        LINDEX LSET LREM LINSERT LTRIM LPOS LPUSHX RPUSHX LMOVE RPOPLPUSH
        SMISMEMBER SINTER SUNION SDIFF SINTERCARD SINTERSTORE SUNIONSTORE SDIFFSTORE SMOVE SPOP SRANDMEMBER
        EXPIRETIME PEXPIRETIME COPY RANDOMKEY TOUCH DUMP RESTORE
        PIPELINE.CREATE PIPELINE.DROP PIPELINE.LIST PIPELINE.INFO PIPELINE.PAUSE PIPELINE.RESUME
        """.Split((char[])[' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Every_supported_command_is_in_the_table()
    {
        Assert.All(Supported, name => Assert.True(Table.TryGet(Wire.Bytes(name), out _), name));
        Assert.Equal(Supported.Length, Table.Commands.Count);
    }

    [Theory]
    [InlineData("xadd")]
    [InlineData("XADD")]
    [InlineData("xAdD")]
    public void Lookup_ignores_case(string name)
    {
        Assert.True(Table.TryGet(Wire.Bytes(name), out var info));
        Assert.Equal("xadd", info.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("zadd")]
    [InlineData("xadd ")]
    [InlineData("x\xe1dd")]
    public void Unknown_names_are_not_found(string name) => Assert.False(Table.TryGet(Wire.Bytes(name), out _));

    [Fact]
    public void Lookup_does_not_allocate()
    {
        var name = "XREADGROUP"u8.ToArray();
        Table.TryGet(name, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Table.TryGet(name, out _);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Xadd_carries_the_metadata_redis_reports()
    {
        Assert.True(Table.TryGet("xadd"u8, out var xadd));
        Assert.Equal(-5, xadd.Arity);
        Assert.Equal(CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, xadd.Flags);
        Assert.Equal((1, 1, 1), (xadd.FirstKey, xadd.LastKey, xadd.Step));
        Assert.Equal(["@write", "@stream", "@fast"], xadd.AclCategories);
        Assert.Equal(["nondeterministic_output"], xadd.Tips);
        Assert.Equal(("Appends a new entry to a stream", "5.0.0", "stream"), (xadd.Summary, xadd.Since, xadd.Group));
        Assert.StartsWith("O(1) when adding", xadd.Complexity);
    }

    [Fact]
    public void Multi_word_flags_are_parsed()
    {
        Assert.True(Table.TryGet("hello"u8, out var hello));
        Assert.True(hello.Flags.HasFlag(CommandFlags.NoAuth));
        Assert.True(Table.TryGet("xread"u8, out var xread));
        Assert.True(xread.Flags.HasFlag(CommandFlags.Blocking | CommandFlags.MovableKeys));
    }

    [Theory]
    [InlineData("get", 2, true)]
    [InlineData("get", 1, false)]
    [InlineData("get", 3, false)]
    [InlineData("xadd", 4, false)]
    [InlineData("xadd", 5, true)]
    [InlineData("xadd", 50, true)]
    public void Arity_is_exact_when_positive_and_a_minimum_when_negative(string name, int argCount, bool accepted)
    {
        Assert.True(Table.TryGet(Wire.Bytes(name), out var info));
        Assert.Equal(accepted, Table.CheckArity(info, argCount));
    }

    [Fact]
    public void Container_finds_its_subcommands_case_insensitively()
    {
        Assert.True(Table.TryGet("XINFO"u8, out var xinfo));
        Assert.True(xinfo.IsContainer);
        Assert.Equal(["xinfo|consumers", "xinfo|groups", "xinfo|help", "xinfo|stream"], xinfo.Subcommands.Select(s => s.Name).Order());
        Assert.True(xinfo.TryGetSubcommand("Stream"u8, out var stream));
        Assert.Equal("xinfo|stream", stream.Name);
        Assert.Same(xinfo, stream.Parent);
        Assert.Equal(-3, stream.Arity);
        Assert.False(xinfo.TryGetSubcommand("nope"u8, out _));
    }

    [Fact]
    public void Full_names_reach_subcommands()
    {
        Assert.True(Table.TryGetByFullName("CLIENT|KILL"u8, out var kill));
        Assert.Equal("client|kill", kill.Name);
        Assert.False(Table.TryGetByFullName("client|nope"u8, out _));
        Assert.False(Table.TryGetByFullName("get|x"u8, out _));
    }

    [Fact]
    public void Command_count_counts_top_level_commands()
    {
        Assert.Equal(Reply.Integer(Supported.Length), Table.CountReply());
    }

    [Fact]
    public void Command_list_names_subcommands_after_their_container()
    {
        var names = ((ArrayReply)Table.ListReply()).Items.Select(i => i.ToString()).ToList();
        var xinfo = names.IndexOf("xinfo");
        Assert.StartsWith("xinfo|", names[xinfo + 1]);
        Assert.Equal(Table.Commands.Count + Table.Commands.Sum(c => c.Subcommands.Count), names.Count);
    }

    [Fact]
    public void Command_info_of_an_unknown_name_is_a_null_entry()
    {
        Assert.StartsWith("*2\r\n$-1\r\n*10\r\n$3\r\nget\r\n", Wire.Encode(Table.InfoReply([Wire.Bytes("nosuch"), Wire.Bytes("get")]), 2));
        Assert.Equal("*1\r\n_\r\n", Wire.Encode(Table.InfoReply([Wire.Bytes("nosuch")]), 3));
    }

    [Fact]
    public void Command_docs_leaves_unknown_names_out()
    {
        Assert.StartsWith("%1\r\n$3\r\nget\r\n%", Wire.Encode(Table.DocsReply([Wire.Bytes("nosuch"), Wire.Bytes("get")]), 3));
    }

    [Fact]
    public void Command_info_get_matches_the_bytes_recorded_from_redis_7_0_15()
    {
        const string Expected =
            "*1\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n"
            + "*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n"
            + "*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n"
            + "$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n";
        Assert.Equal(Expected, Wire.Encode(Table.InfoReply([Wire.Bytes("get")]), 2));
    }
}
