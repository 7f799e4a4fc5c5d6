using System.Buffers;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Protocol;
using OrleansStreams.Resp.UnitTests.Support;

namespace OrleansStreams.Resp.UnitTests.Protocol;

public class RespReaderTests
{
    /// <summary>Frames and the arguments Redis 7 reads from them (checked against redis-server 7.0.15).</summary>
    public static TheoryData<string, string[]> Frames => new()
    {
        { "*1\r\n$4\r\nPING\r\n", ["PING"] },
        { "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n", ["SET", "k", ""] },
        { "*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n", ["ECHO", "a\r\nb"] },
        { "*2\r\n$4\r\nECHO\r\n$3\r\n\0\xff*\r\n", ["ECHO", "\0\xff*"] },
        { "PING\r\n", ["PING"] },
        { "PING\n", ["PING"] },
        { "PING\r\r\n", ["PING"] },
        { "  SET  a   b \r\n", ["SET", "a", "b"] },
        { "SET a \"b c\"\r\n", ["SET", "a", "b c"] },
        { "ECHO 'a\\'b'\r\n", ["ECHO", "a'b"] },
        { "ECHO 'a\\b'\r\n", ["ECHO", "a\\b"] },
        { "ECHO a\"b c\"\r\n", ["ECHO", "ab c"] },
        { "ECHO \"\\x41\\n\\q\"\r\n", ["ECHO", "A\nq"] },
        { "ECHO \"\\x4\"\r\n", ["ECHO", "x4"] },
        { "ECHO \"\\r\\t\\b\\a\"\r\n", ["ECHO", "\r\t\b\a"] },
        { "ECHO \"\"\r\n", ["ECHO", ""] },
        { "ECHO \v\fx\r\n", ["ECHO", "x"] },
        { "ECHO \"a\"\v\r\n", ["ECHO", "a"] },
        { "\r\n\nPING\n", ["PING"] },
        { "*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n", ["PING"] },
        { "*-7\r\nPING\r\n", ["PING"] },
    };

    /// <summary>Malformed input and the error Redis 7.0.15 replies before closing the connection.</summary>
    public static TheoryData<string, string> Errors => new()
    {
        { "*01\r\n", RedisErrors.ProtocolInvalidMultibulkLength },
        { "*+1\r\n", RedisErrors.ProtocolInvalidMultibulkLength },
        { "*\r\n", RedisErrors.ProtocolInvalidMultibulkLength },
        { "*1x$4\r\nPING\r\n", RedisErrors.ProtocolInvalidMultibulkLength },
        { "*2147483648\r\n", RedisErrors.ProtocolInvalidMultibulkLength },
        { "*99999999999999999999999\r\n", RedisErrors.ProtocolInvalidMultibulkLength },
        { "*1\r\nPING\r\n", "ERR Protocol error: expected '$', got 'P'" },
        { "*1\r\n\r\n", "ERR Protocol error: expected '$', got ' '" },
        { "*2\r\n$4\r\nECHO\r\n:1\r\n", "ERR Protocol error: expected '$', got ':'" },
        { "*1\r\n$-1\r\n", RedisErrors.ProtocolInvalidBulkLength },
        { "*1\r\n$04\r\nPING\r\n", RedisErrors.ProtocolInvalidBulkLength },
        { "*1\r\n$\r\n", RedisErrors.ProtocolInvalidBulkLength },
        { "*1\r\n$536870913\r\n", RedisErrors.ProtocolInvalidBulkLength },
        { "PING \"a\r\n", RedisErrors.ProtocolUnbalancedQuotes },
        { "ECHO \"a\"b\r\n", RedisErrors.ProtocolUnbalancedQuotes },
        { "ECHO 'a'b\r\n", RedisErrors.ProtocolUnbalancedQuotes },
        { "ECHO 'a\r\n", RedisErrors.ProtocolUnbalancedQuotes },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Frame_split_at_every_offset_reads_the_same_arguments(string frame, string[] expected)
    {
        var bytes = Wire.Bytes(frame);
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var buffer = Segments.SplitAt(bytes, offset);
            Assert.Equal(RespParseStatus.Complete, RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out var args, out _));
            Assert.Equal(expected, Wire.Strings(args));
            Assert.True(buffer.IsEmpty, $"split at {offset} left {buffer.Length} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Frame_in_one_byte_segments_reads_the_same_arguments(string frame, string[] expected)
    {
        var buffer = Segments.ByteByByte(Wire.Bytes(frame));
        Assert.Equal(RespParseStatus.Complete, RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out var args, out _));
        Assert.Equal(expected, Wire.Strings(args));
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_proper_prefix_of_a_frame_is_incomplete_and_keeps_the_partial_command(string frame, string[] expected)
    {
        _ = expected;
        var bytes = Wire.Bytes(frame);
        for (var length = 0; length < bytes.Length; length++)
        {
            for (var offset = 0; offset <= length; offset++)
            {
                var prefix = bytes[..length];
                var buffer = Segments.SplitAt(prefix, offset);
                var status = RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out _, out _);
                Assert.Equal(RespParseStatus.Incomplete, status);
                // Only whole empty frames ahead of the command may have been consumed.
                var rest = buffer.ToArray();
                Assert.Equal(bytes.AsSpan(length - rest.Length, rest.Length).ToArray(), rest);
                if (rest.Length > 0)
                {
                    var retry = new ReadOnlySequence<byte>(bytes[(length - rest.Length)..]);
                    Assert.Equal(RespParseStatus.Complete, RespReader.TryReadCommand(ref retry, RespReaderLimits.Default, out var args, out _));
                    Assert.Equal(expected, Wire.Strings(args));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Malformed_input_split_at_every_offset_reports_the_redis_error(string input, string expected)
    {
        var bytes = Wire.Bytes(input);
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var buffer = Segments.SplitAt(bytes, offset);
            Assert.Equal(RespParseStatus.ProtocolError, RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out _, out var error));
            Assert.Equal(expected, error);
        }
    }

    [Fact]
    public void Pipelined_commands_are_read_one_at_a_time_in_order()
    {
        var buffer = new ReadOnlySequence<byte>(Wire.Bytes("PING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n\r\nGET k\r\n*1\r\n$4\r\nPI"));
        var read = new List<string[]>();
        RespParseStatus status;
        while ((status = RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out var args, out _)) == RespParseStatus.Complete)
        {
            read.Add(Wire.Strings(args));
        }
        Assert.Equal(RespParseStatus.Incomplete, status);
        Assert.Equal([["PING"], ["ECHO", "hi"], ["GET", "k"]], read);
        Assert.Equal("*1\r\n$4\r\nPI", Wire.Text(buffer.ToArray()));
    }

    [Fact]
    public void Commands_before_a_malformed_frame_are_still_read()
    {
        var buffer = new ReadOnlySequence<byte>(Wire.Bytes("PING\r\n*1\r\n$x\r\n"));
        Assert.Equal(RespParseStatus.Complete, RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out var args, out _));
        Assert.Equal(["PING"], Wire.Strings(args));
        Assert.Equal(RespParseStatus.ProtocolError, RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out _, out var error));
        Assert.Equal(RedisErrors.ProtocolInvalidBulkLength, error);
    }

    [Fact]
    public void Empty_frames_alone_are_consumed_and_report_incomplete()
    {
        var buffer = new ReadOnlySequence<byte>(Wire.Bytes("\r\n*0\r\n*-1\r\n\n"));
        Assert.Equal(RespParseStatus.Incomplete, RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out var args, out _));
        Assert.Empty(args);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Bytes_after_a_bulk_payload_are_skipped_unchecked_like_redis()
    {
        var buffer = new ReadOnlySequence<byte>(Wire.Bytes("*1\r\n$4\r\nPINGxyPING\r\n"));
        Assert.Equal(RespParseStatus.Complete, RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out var args, out _));
        Assert.Equal(["PING"], Wire.Strings(args));
        Assert.Equal("PING\r\n", Wire.Text(buffer.ToArray()));
    }

    [Fact]
    public void Inline_line_ends_at_its_first_nul_byte()
    {
        var buffer = new ReadOnlySequence<byte>(Wire.Bytes("ECHO a\0b c\r\n"));
        Assert.Equal(RespParseStatus.Complete, RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out var args, out _));
        Assert.Equal(["ECHO", "a"], Wire.Strings(args));
    }

    [Fact]
    public void Non_ascii_byte_in_place_of_dollar_is_named_in_the_error()
    {
        var buffer = new ReadOnlySequence<byte>(Wire.Bytes("*1\r\n\xc3\r\n"));
        Assert.Equal(RespParseStatus.ProtocolError, RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out _, out var error));
        Assert.Equal("ERR Protocol error: expected '$', got '\xc3'", error);
    }
}
