using System.Buffers;
using CsCheck;
using OrleansStreams.Replies;
using OrleansStreams.Streams;
using OrleansStreams.Resp.UnitTests.Support;

namespace OrleansStreams.Resp.UnitTests.Protocol;

public class RespWriterTests
{
    public static TheoryData<Reply, string, string> Replies => new()
    {
        { Reply.Ok, "+OK\r\n", "+OK\r\n" },
        { Reply.Error("ERR syntax error"), "-ERR syntax error\r\n", "-ERR syntax error\r\n" },
        { Reply.Integer(-42), ":-42\r\n", ":-42\r\n" },
        { Reply.Integer(long.MinValue), ":-9223372036854775808\r\n", ":-9223372036854775808\r\n" },
        { Reply.Bulk("héllo"), "$6\r\nh\xc3\xa9llo\r\n", "$6\r\nh\xc3\xa9llo\r\n" },
        { Reply.Bulk(Array.Empty<byte>()), "$0\r\n\r\n", "$0\r\n\r\n" },
        { Reply.NullBulk, "$-1\r\n", "_\r\n" },
        { Reply.NullArray, "*-1\r\n", "_\r\n" },
        { Reply.EmptyArray, "*0\r\n", "*0\r\n" },
        { Reply.Array(Reply.One, Reply.Bulk("a"), Reply.NullBulk), "*3\r\n:1\r\n$1\r\na\r\n$-1\r\n", "*3\r\n:1\r\n$1\r\na\r\n_\r\n" },
        { new ArrayReply([Reply.Simple("a")]) { IsSet = true }, "*1\r\n+a\r\n", "~1\r\n+a\r\n" },
        { new ArrayReply([Reply.Bulk("message")]) { IsPush = true }, "*1\r\n$7\r\nmessage\r\n", ">1\r\n$7\r\nmessage\r\n" },
        { Reply.Map(Reply.Bulk("k"), Reply.Integer(7)), "*2\r\n$1\r\nk\r\n:7\r\n", "%1\r\n$1\r\nk\r\n:7\r\n" },
        { Reply.Map(), "*0\r\n", "%0\r\n" },
        { Reply.Double(1.5), "$3\r\n1.5\r\n", ",1.5\r\n" },
        { Reply.Double(0.1), "$19\r\n0.10000000000000001\r\n", ",0.10000000000000001\r\n" },
        { Reply.Double(double.PositiveInfinity), "$3\r\ninf\r\n", ",inf\r\n" },
        { Reply.Double(double.NegativeInfinity), "$4\r\n-inf\r\n", ",-inf\r\n" },
        { Reply.Double(double.NaN), "$3\r\nnan\r\n", ",nan\r\n" },
        { Reply.Verbatim("a\r\nb"), "$4\r\na\r\nb\r\n", "=8\r\ntxt:a\r\nb\r\n" },
        { Reply.Array(Reply.Map(Reply.Bulk("x"), new ArrayReply([Reply.Zero]) { IsSet = true })), "*1\r\n*2\r\n$1\r\nx\r\n*1\r\n:0\r\n", "*1\r\n%1\r\n$1\r\nx\r\n~1\r\n:0\r\n" },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Reply_is_encoded_as_redis_does_in_resp2_and_resp3(Reply reply, string resp2, string resp3)
    {
        Assert.Equal(resp2, Wire.Encode(reply, 2));
        Assert.Equal(resp3, Wire.Encode(reply, 3));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(1.0, "1")]
    [InlineData(100.0, "100")]
    [InlineData(3.14, "3.1400000000000001")]
    [InlineData(1.0 / 3, "0.33333333333333331")]
    [InlineData(1e20, "1e+20")]
    [InlineData(1e17, "1e+17")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(1e-5, "1.0000000000000001e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "4.9406564584124654e-324")]
    public void Double_is_formatted_like_printf_percent_17g(double value, string expected)
    {
        Assert.Equal($",{expected}\r\n", Wire.Encode(Reply.Double(value), 3));
        Assert.Equal($"${expected.Length}\r\n{expected}\r\n", Wire.Encode(Reply.Double(value), 2));
    }

    [Fact]
    public void Error_text_with_line_breaks_is_sent_on_one_line()
    {
        Assert.Equal("-ERR bad  thing\r\n", Wire.Encode(Reply.Error("ERR bad\r\nthing"), 2));
    }

    [Fact]
    public void Error_text_that_starts_with_a_dash_gets_no_second_dash()
    {
        Assert.Equal("-ERR x\r\n", Wire.Encode(Reply.Error("-ERR x"), 3));
    }

    [Fact]
    public void Large_bulk_is_written_across_several_buffer_segments()
    {
        var payload = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        var output = new ArrayBufferWriter<byte>(16);
        OrleansStreams.Resp.Protocol.RespWriter.Write(output, Reply.Bulk(payload), 2);
        var written = output.WrittenSpan;
        Assert.Equal("$100000\r\n", Wire.Text(written[..9]));
        Assert.True(written[9..^2].SequenceEqual(payload));
        Assert.Equal("\r\n", Wire.Text(written[^2..]));
    }

    [Fact]
    public void Writing_integer_double_and_status_replies_allocates_nothing()
    {
        var output = new ArrayBufferWriter<byte>(1024);
        var reply = Reply.Integer(123456789);
        var number = Reply.Double(0.1);
        OrleansStreams.Resp.Protocol.RespWriter.Write(output, reply, 2);
        output.ResetWrittenCount();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            OrleansStreams.Resp.Protocol.RespWriter.Write(output, reply, 2);
            OrleansStreams.Resp.Protocol.RespWriter.Write(output, number, 3);
            OrleansStreams.Resp.Protocol.RespWriter.Write(output, Reply.Ok, 3);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
    private static readonly Gen<StreamEntry> Entry = Gen.Select(
        Gen.OneOf(Gen.ULong, Gen.Const(0UL), Gen.Const(ulong.MaxValue)),
        Gen.OneOf(Gen.ULong, Gen.Const(0UL), Gen.Const(ulong.MaxValue)),
        Gen.Byte.Array[0, 20].Array[0, 6].Select(f => f.Length % 2 == 0 ? f : f[..^1]))
        .Select((ms, seq, fields) => new StreamEntry(new StreamEntryId(ms, seq), fields));

    /// <summary>The reply tree XRANGE was written from before entries were written directly.</summary>
    private static Reply AsTree(IReadOnlyList<StreamEntry> entries) =>
        Reply.Array(entries.Select(e => Reply.Array(Reply.Bulk(e.Id.ToString()), Reply.Array(e.Fields.Select(Reply.Bulk)))));

    [Fact]
    public void Stream_entries_written_directly_are_the_bytes_of_their_reply_tree_in_resp2_and_resp3() =>
        Entry.Array[0, 12].Sample(entries =>
        {
            var reply = new StreamEntriesReply(entries);
            return Wire.Encode(reply, 2) == Wire.Encode(AsTree(entries), 2)
                && Wire.Encode(reply, 3) == Wire.Encode(AsTree(entries), 3)
                && Wire.Encode(Reply.Array(reply, Reply.One), 3) == Wire.Encode(Reply.Array(AsTree(entries), Reply.One), 3);
        });

    [Fact]
    public void Stream_entry_ids_format_as_ms_dash_seq_at_the_extremes()
    {
        Assert.Equal("0-0"u8.ToArray(), StreamEntryId.Min.ToUtf8());
        Assert.Equal("18446744073709551615-18446744073709551615"u8.ToArray(), StreamEntryId.Max.ToUtf8());
        Assert.Equal(StreamEntryId.MaxUtf8Length, StreamEntryId.Max.ToUtf8().Length);
        Assert.Equal("1526919030474-55"u8.ToArray(), new StreamEntryId(1526919030474, 55).ToUtf8());
    }
}
