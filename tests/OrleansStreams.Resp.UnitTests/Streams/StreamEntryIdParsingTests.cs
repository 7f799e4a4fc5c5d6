using System.Text;

using OrleansStreams.Streams;

namespace OrleansStreams.Resp.UnitTests.Streams;

/// <summary>Stream IDs parse as redis-server 7.0.15's streamParseID and string2ull read them (each case checked against it).</summary>
public sealed class StreamEntryIdParsingTests
{
    [Theory]
    [InlineData("5", 5UL, 7UL)]
    [InlineData("5-1", 5UL, 1UL)]
    [InlineData("+5-+1", 5UL, 1UL)]
    [InlineData(" 5", 5UL, 7UL)]
    [InlineData("\t5-\n1", 5UL, 1UL)]
    [InlineData("005-001", 5UL, 1UL)]
    [InlineData("8--0", 8UL, 0UL)]
    [InlineData("1--18446744073709551615", 1UL, 1UL)]
    [InlineData("19--9223372036854775809", 19UL, 9223372036854775807UL)]
    [InlineData("18446744073709551615-18446744073709551615", ulong.MaxValue, ulong.MaxValue)]
    [InlineData("9\0junk", 9UL, 7UL)]
    [InlineData("10-1\0-2", 10UL, 1UL)]
    public void Accepted_forms_parse_as_redis_reads_them(string text, ulong ms, ulong seq)
    {
        Assert.True(StreamEntryId.TryParse(Encoding.ASCII.GetBytes(text), 7, out var id));
        Assert.Equal(new StreamEntryId(ms, seq), id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("-0")]
    [InlineData("-1")]
    [InlineData("5-")]
    [InlineData("5 ")]
    [InlineData("5-1-1")]
    [InlineData("5--1")]
    [InlineData("5--9223372036854775808")]
    [InlineData("5--18446744073709551616")]
    [InlineData("18446744073709551616")]
    [InlineData("0x10")]
    [InlineData("1e3")]
    [InlineData("\05")]
    [InlineData("5-*")]
    public void Rejected_forms_do_not_parse(string text) =>
        Assert.False(StreamEntryId.TryParse(Encoding.ASCII.GetBytes(text), 0, out _));

    [Fact]
    public void More_than_127_bytes_never_parse()
    {
        var ok = "1-" + new string('0', 124) + "1";
        Assert.True(StreamEntryId.TryParse(Encoding.ASCII.GetBytes(ok), 0, out var id));
        Assert.Equal(new StreamEntryId(1, 1), id);
        Assert.False(StreamEntryId.TryParse(Encoding.ASCII.GetBytes("1-0" + ok[2..]), 0, out _));
    }

    [Fact]
    public void An_auto_sequence_parses_only_where_xadd_allows_it()
    {
        Assert.True(StreamEntryId.TryParse("7-*"u8, 0, allowAutoSeq: true, out var id, out var seqGiven));
        Assert.Equal((new StreamEntryId(7, 0), false), (id, seqGiven));
        Assert.False(StreamEntryId.TryParse("7-**"u8, 0, allowAutoSeq: true, out _, out _));
        Assert.False(StreamEntryId.TryParse("*"u8, 0, allowAutoSeq: true, out _, out _));
    }
}
