using System.Buffers;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Protocol;
using OrleansStreams.Resp.UnitTests.Support;

namespace OrleansStreams.Resp.UnitTests.Protocol;

public class RespReaderLimitsTests
{
    private static (RespParseStatus Status, string? Error) Read(byte[] bytes, RespReaderLimits? limits = null)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        var status = RespReader.TryReadCommand(ref buffer, limits ?? RespReaderLimits.Default, out _, out var error);
        return (status, error);
    }

    [Fact]
    public void Bulk_of_exactly_proto_max_bulk_len_is_accepted()
    {
        Assert.Equal((RespParseStatus.Incomplete, null), Read(Wire.Bytes("*1\r\n$536870912\r\n")));
    }

    [Fact]
    public void Bulk_above_the_configured_maximum_is_an_invalid_bulk_length()
    {
        var limits = RespReaderLimits.Default with { MaxBulkLength = 10 };
        Assert.Equal(RespParseStatus.Complete, Read(Wire.Command("ECHO", "0123456789"), limits).Status);
        Assert.Equal((RespParseStatus.ProtocolError, RedisErrors.ProtocolInvalidBulkLength), Read(Wire.Command("ECHO", "0123456789a"), limits));
    }

    [Fact]
    public void Multibulk_count_above_the_maximum_is_an_invalid_multibulk_length()
    {
        Assert.Equal((RespParseStatus.Incomplete, null), Read(Wire.Bytes("*1048576\r\n")));
        Assert.Equal((RespParseStatus.ProtocolError, RedisErrors.ProtocolInvalidMultibulkLength), Read(Wire.Bytes("*1048577\r\n")));
    }

    [Fact]
    public void Inline_request_without_newline_beyond_64_kb_is_too_big()
    {
        Assert.Equal((RespParseStatus.Incomplete, null), Read(Wire.Bytes("PING" + new string('x', 65532))));
        Assert.Equal((RespParseStatus.ProtocolError, RedisErrors.ProtocolTooBigInline), Read(Wire.Bytes("PING" + new string('x', 65533))));
    }

    [Fact]
    public void Inline_request_longer_than_64_kb_with_its_newline_is_read()
    {
        var (status, _) = Read(Wire.Bytes("ECHO " + new string('x', 70000) + "\r\n"));
        Assert.Equal(RespParseStatus.Complete, status);
    }

    [Fact]
    public void Count_line_without_cr_beyond_64_kb_is_too_big_mbulk_count_string()
    {
        Assert.Equal((RespParseStatus.ProtocolError, RedisErrors.ProtocolTooBigMultibulkCount), Read(Wire.Bytes("*" + new string('1', 70000))));
    }

    [Fact]
    public void Length_line_without_cr_beyond_64_kb_is_too_big_bulk_count_string()
    {
        Assert.Equal((RespParseStatus.ProtocolError, RedisErrors.ProtocolTooBigBulkCount), Read(Wire.Bytes("*1\r\n$" + new string('1', 70000))));
        Assert.Equal((RespParseStatus.ProtocolError, RedisErrors.ProtocolTooBigBulkCount), Read(Wire.Bytes("*1\r\n" + new string('x', 70000))));
        Assert.Equal((RespParseStatus.Incomplete, null), Read(Wire.Bytes("*1\r\n$" + new string('1', 60000))));
    }

    [Fact]
    public void Unauthenticated_client_may_not_declare_more_than_10_arguments_or_16_kb_bulks()
    {
        var limits = RespReaderLimits.Default with { Unauthenticated = true };
        Assert.Equal((RespParseStatus.ProtocolError, RedisErrors.ProtocolUnauthenticatedMultibulkLength), Read(Wire.Bytes("*11\r\n"), limits));
        Assert.Equal((RespParseStatus.ProtocolError, RedisErrors.ProtocolUnauthenticatedBulkLength), Read(Wire.Bytes("*1\r\n$16385\r\n"), limits));
        Assert.Equal(RespParseStatus.Complete, Read(Wire.Command("AUTH", "secret"), limits).Status);
    }

    [Fact]
    public void Huge_declared_count_allocates_nothing_before_its_arguments_arrive()
    {
        var bytes = Wire.Bytes("*1000000\r\n$3\r\nSET\r\n$1\r\nk\r\n");
        Read(bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (status, _) = Read(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(RespParseStatus.Incomplete, status);
        Assert.True(allocated < 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Huge_declared_bulk_allocates_nothing_before_its_payload_arrives()
    {
        var bytes = Wire.Bytes("*2\r\n$3\r\nSET\r\n$500000000\r\nabc");
        Read(bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (status, _) = Read(bytes);
        Assert.Equal(RespParseStatus.Incomplete, status);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024);
    }
}
