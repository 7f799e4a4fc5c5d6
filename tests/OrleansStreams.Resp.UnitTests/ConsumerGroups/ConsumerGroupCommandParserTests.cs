using System.Text;

using OrleansStreams.ConsumerGroups;
using OrleansStreams.Resp.Commands;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.Resp.UnitTests.ConsumerGroups;

/// <summary>Error texts and their order as redis-server 7.0.15 replied to the same arguments.</summary>
public sealed class ConsumerGroupCommandParserTests
{
    private static ConsumerGroupCommand Parse(string line) =>
        ConsumerGroupCommandParser.Parse(line.Split(' ').Select(Encoding.UTF8.GetBytes).ToArray());

    private static string? ErrorOf(ConsumerGroupCommand c) => c switch
    {
        ConsumerGroupCommand.Invalid i => i.Error,
        ConsumerGroupCommand.InvalidAfterGroupCheck i => i.Error,
        ConsumerGroupCommand.Create { IdError: { } e } => e,
        ConsumerGroupCommand.SetId { IdError: { } e } => e,
        ConsumerGroupCommand.ReadGroup r => r.Ids.Select(i => i.Error).FirstOrDefault(e => e is not null),
        _ => null,
    };

    [Theory]
    [InlineData("XGROUP CREATE s g2 bad", RedisErrors.StreamInvalidId)]
    [InlineData("XGROUP CREATE s g2 -", RedisErrors.StreamInvalidId)]
    [InlineData("XGROUP CREATE s g3 0 ENTRIESREAD -5", RedisErrors.GroupEntriesReadInvalid)]
    [InlineData("XGROUP CREATE s g3 0 ENTRIESREAD x", RedisErrors.NotInteger)]
    [InlineData("XGROUP CREATE s g3 0 foo", "ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.")]
    [InlineData("XGROUP CREATE s g5 0 MKSTREAM ENTRIESREAD 3 extra", "ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.")]
    [InlineData("XGROUP SETID s g 0 foo 3", "ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.")]
    [InlineData("XGROUP SETID s g 0 ENTRIESREAD", "ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.")]
    [InlineData("XGROUP SETID s g 0 MKSTREAM", "ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.")]
    [InlineData("XGROUP foo s", "ERR unknown subcommand 'foo'. Try XGROUP HELP.")]
    [InlineData("XGROUP CREATE s", "ERR wrong number of arguments for 'xgroup|create' command")]
    [InlineData("XGROUP DESTROY s", "ERR wrong number of arguments for 'xgroup|destroy' command")]
    [InlineData("XGROUP CREATECONSUMER s g", "ERR wrong number of arguments for 'xgroup|createconsumer' command")]
    [InlineData("XGROUP DELCONSUMER s g c x", "ERR wrong number of arguments for 'xgroup|delconsumer' command")]
    [InlineData("XREADGROUP GROUP g c STREAMS s", "ERR wrong number of arguments for 'xreadgroup' command")]
    [InlineData("XREADGROUP GROUP g c STREAMS s > x", RedisErrors.StreamUnbalanced)]
    [InlineData("XREADGROUP GROUP g c COUNT x STREAMS s >", RedisErrors.NotInteger)]
    [InlineData("XREADGROUP GROUP g c BLOCK -1 STREAMS s >", RedisErrors.StreamTimeoutNegative)]
    [InlineData("XREADGROUP GROUP g c BLOCK x STREAMS s >", RedisErrors.StreamTimeoutNotInteger)]
    [InlineData("XREADGROUP GROUP g c STREAMS s bad", RedisErrors.StreamInvalidId)]
    [InlineData("XREADGROUP GROUP g c STREAMS s $", RedisErrors.GroupReadDollarId)]
    [InlineData("XREADGROUP GROUP g c foo STREAMS s >", RedisErrors.Syntax)]
    [InlineData("XREADGROUP COUNT 1 NOACK STREAMS s >", RedisErrors.GroupReadMissingGroup)]
    [InlineData("XACK s g", "ERR wrong number of arguments for 'xack' command")]
    [InlineData("XPENDING s", "ERR wrong number of arguments for 'xpending' command")]
    [InlineData("XPENDING s g - +", RedisErrors.Syntax)]
    [InlineData("XPENDING s g - + x", RedisErrors.NotInteger)]
    [InlineData("XPENDING s g IDLE x - + 1", RedisErrors.NotInteger)]
    [InlineData("XPENDING s g IDLE 5", RedisErrors.Syntax)]
    [InlineData("XPENDING s g IDLE 5 - + 1 c extra", RedisErrors.Syntax)]
    [InlineData("XPENDING s g bad + 1", RedisErrors.StreamInvalidId)]
    [InlineData("XPENDING s g - bad 1", RedisErrors.StreamInvalidId)]
    [InlineData("XPENDING s g - (0-0 1", RedisErrors.StreamInvalidEndId)]
    [InlineData("XCLAIM s g c", "ERR wrong number of arguments for 'xclaim' command")]
    [InlineData("XCLAIM s g c x 1-1", RedisErrors.ClaimMinIdleInvalid)]
    [InlineData("XCLAIM s g c 0 bad", "ERR Unrecognized XCLAIM option 'bad'")]
    [InlineData("XCLAIM s g c 0 1-1 IDLE x", RedisErrors.ClaimIdleInvalid)]
    [InlineData("XCLAIM s g c 0 1-1 TIME x", RedisErrors.ClaimTimeInvalid)]
    [InlineData("XCLAIM s g c 0 1-1 RETRYCOUNT x", RedisErrors.ClaimRetryCountInvalid)]
    [InlineData("XCLAIM s g c 0 1-1 LASTID bad", RedisErrors.StreamInvalidId)]
    [InlineData("XCLAIM s g c 0 1-1 IDLE", "ERR Unrecognized XCLAIM option 'IDLE'")]
    [InlineData("XAUTOCLAIM s g c 0 0 COUNT 0", RedisErrors.AutoClaimCountInvalid)]
    [InlineData("XAUTOCLAIM s g c 0 0 COUNT -1", RedisErrors.AutoClaimCountInvalid)]
    [InlineData("XAUTOCLAIM s g c 0 0 COUNT x", RedisErrors.AutoClaimCountInvalid)]
    [InlineData("XAUTOCLAIM s g c x 0", RedisErrors.AutoClaimMinIdleInvalid)]
    [InlineData("XAUTOCLAIM s g c 0 bad", RedisErrors.StreamInvalidId)]
    [InlineData("XAUTOCLAIM s g c 0 0 foo", RedisErrors.Syntax)]
    [InlineData("XAUTOCLAIM s g c 0 0 JUSTID COUNT", RedisErrors.Syntax)]
    [InlineData("XAUTOCLAIM s g c 0 0 COUNT 576460752303423488", RedisErrors.AutoClaimCountInvalid)]
    [InlineData("XAUTOCLAIM s g c 0 0 COUNT 576460752303423487", RedisErrors.AutoClaimCountTooHigh)]
    [InlineData("XAUTOCLAIM s g c 0 0 COUNT 3298534883329", RedisErrors.AutoClaimCountTooHigh)]
    public void Invalid_arguments_get_the_redis_error(string line, string error) => Assert.Equal(error, ErrorOf(Parse(line)));

    [Theory]
    [InlineData("XPENDING s g - + -1")]
    [InlineData("XPENDING s g IDLE -5 - + 1")]
    [InlineData("XPENDING s g (0-0 + 1")]
    [InlineData("XPENDING s g - + 10 c extra")]
    [InlineData("XCLAIM s g c -1 1-1")]
    [InlineData("XCLAIM s g c 0 1-1 RETRYCOUNT -1")]
    [InlineData("XCLAIM s g c 0 1-1 IDLE -5")]
    [InlineData("XAUTOCLAIM s g c -1 0")]
    [InlineData("XAUTOCLAIM s g c 0 (0")]
    [InlineData("XAUTOCLAIM s g c 0 0 COUNT 100000000")]
    [InlineData("XAUTOCLAIM s g c 0 0 COUNT 3298534883328")]
    [InlineData("XAUTOCLAIM s g c 0 +1")]
    [InlineData("XREADGROUP GROUP g c COUNT -1 STREAMS s >")]
    [InlineData("XGROUP CREATE s g $ MKSTREAM ENTRIESREAD -1")]
    [InlineData("XGROUP HELP")]
    public void Arguments_redis_accepts_parse_without_error(string line) => Assert.Null(ErrorOf(Parse(line)));

    [Fact]
    public void Xautoclaim_reads_its_arguments_before_the_key_and_fails_a_too_large_count_after()
    {
        Assert.IsType<ConsumerGroupCommand.Invalid>(Parse("XAUTOCLAIM s g c 0 0 COUNT 0"));
        Assert.IsType<ConsumerGroupCommand.Invalid>(Parse("XAUTOCLAIM s g c x 0"));
        Assert.IsType<ConsumerGroupCommand.InvalidAfterGroupCheck>(Parse("XAUTOCLAIM s g c 0 0 COUNT 576460752303423487"));
    }

    [Fact]
    public void Xreadgroup_takes_the_greatest_id_as_new_entries()
    {
        var r = Assert.IsType<ConsumerGroupCommand.ReadGroup>(Parse("XREADGROUP GROUP g c STREAMS s 18446744073709551615-18446744073709551615"));
        Assert.True(r.Ids[0].New);
    }

    [Fact]
    public void Xack_with_an_invalid_id_defers_the_error_to_after_the_group_lookup()
    {
        var ack = Assert.IsType<ConsumerGroupCommand.Ack>(Parse("XACK s g 1-1 bad"));
        Assert.Null(ack.Ids);
        Assert.Equal([new StreamEntryId(1, 1), new StreamEntryId(2, 0)], Assert.IsType<ConsumerGroupCommand.Ack>(Parse("XACK s g 1-1 2")).Ids!);
    }

    [Fact]
    public void Xgroup_create_parses_dollar_mkstream_and_entriesread()
    {
        var c = Assert.IsType<ConsumerGroupCommand.Create>(Parse("xgroup create s g $ mkstream entriesread 3"));
        Assert.True(c.Dollar);
        Assert.True(c.MkStream);
        Assert.Equal(3, c.EntriesRead);
        Assert.Equal("g", c.Group);
        var set = Assert.IsType<ConsumerGroupCommand.SetId>(Parse("XGROUP SETID s g 5 ENTRIESREAD 2"));
        Assert.Equal(new StreamEntryId(5, 0), set.Id);
        Assert.Equal(2, set.EntriesRead);
    }

    [Fact]
    public void Xreadgroup_parses_options_and_several_streams()
    {
        var r = Assert.IsType<ConsumerGroupCommand.ReadGroup>(Parse("XREADGROUP GROUP g c COUNT 10 BLOCK 5 NOACK STREAMS a b > 3-1"));
        Assert.Equal(("g", "c", 10L, 5L, true), (r.Group, r.Consumer, r.Count, r.BlockMs!.Value, r.NoAck));
        Assert.Equal(["a", "b"], r.Keys.Select(Encoding.UTF8.GetString));
        Assert.True(r.Ids[0].New);
        Assert.Equal(new StreamEntryId(3, 1), r.Ids[1].Id);
    }

    [Fact]
    public void Xpending_extended_parses_idle_exclusive_bounds_and_consumer()
    {
        var p = Assert.IsType<ConsumerGroupCommand.PendingRange>(Parse("XPENDING s g IDLE 100 (1-0 (5 3 alice"));
        Assert.Equal((100L, new StreamEntryId(1, 1), new StreamEntryId(5, ulong.MaxValue - 1), 3L, "alice"), (p.MinIdleMs, p.Start, p.End, p.Count, p.Consumer));
        Assert.IsType<ConsumerGroupCommand.PendingSummary>(Parse("XPENDING s g"));
    }

    [Fact]
    public void Xclaim_parses_ids_then_options_with_the_last_time_option_winning()
    {
        var c = Assert.IsType<ConsumerGroupCommand.Claim>(Parse("XCLAIM s g c 10 1-0 2 TIME 50 IDLE 7 RETRYCOUNT 3 FORCE JUSTID LASTID 9-9"));
        Assert.Equal([new StreamEntryId(1, 0), new StreamEntryId(2, 0)], c.Ids);
        Assert.Equal(new ClaimOptions(10, IdleMs: 7, TimeMs: null, RetryCount: 3, Force: true, JustId: true, LastId: new StreamEntryId(9, 9)), c.Options);
    }

    [Fact]
    public void Xautoclaim_parses_count_and_justid()
    {
        var a = Assert.IsType<ConsumerGroupCommand.AutoClaim>(Parse("XAUTOCLAIM s g c 5 (1-0 COUNT 3 JUSTID"));
        Assert.Equal((5L, new StreamEntryId(1, 1), 3L, true), (a.MinIdleMs, a.Start, a.Count, a.JustId));
        Assert.Equal(100, Assert.IsType<ConsumerGroupCommand.AutoClaim>(Parse("XAUTOCLAIM s g c 5 0")).Count);
    }
}
