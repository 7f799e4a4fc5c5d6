using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Commands;
using OrleansStreams.Resp.Protocol;
using OrleansStreams.Streams;

namespace OrleansStreams.Benchmarks;

/// <summary>
/// The gateway's side of a command, in its order: <see cref="RespReader.TryReadCommand"/> on a receive
/// buffer holding 16 pipelined commands (redis-benchmark -P 16), <see cref="StreamCommandParser.Parse"/>
/// to a typed operation, <see cref="StreamReplies.Format"/> of the grain's result, <see cref="RespWriter.Write"/>.
/// </summary>
[MemoryDiagnoser]
public class RespProtocolBenchmarks
{
    private const int Pipelined = 16;

    private static readonly RespReaderLimits Limits = RespReaderLimits.Default;
    private static readonly StreamOperation.Range FirstTen = new(StreamEntryId.Min, StreamEntryId.Max, 10, false);

    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private ReadOnlySequence<byte> _xadds;
    private ReadOnlySequence<byte> _xreadgroups;
    private byte[][] _xaddArgs = [];
    private StreamOperation _append = null!;
    private StreamResult _appended = null!;
    private StreamResult _tenEntries = null!;
    private Reply _idReply = null!;
    private Reply _tenReply = null!;

    [GlobalSetup]
    public void Buffers()
    {
        _xadds = Pipeline("XADD", "bench:xaddp", "*", "f", "v");
        _xreadgroups = Pipeline("XREADGROUP", "GROUP", "g", "c", "COUNT", "10", "STREAMS", "bench:group", ">");
        _xaddArgs = [.. new[] { "XADD", "bench:xaddp", "*", "f", "v" }.Select(Encoding.ASCII.GetBytes)];
        _append = StreamCommandParser.Parse(_xaddArgs);
        _appended = new StreamResult.Appended(new StreamEntryId(Entries.Now, 42));
        _tenEntries = new StreamResult.Entries(Entries.Small(10), true);
        _idReply = StreamReplies.Format(_append, _appended);
        _tenReply = StreamReplies.Format(FirstTen, _tenEntries);
    }

    [Benchmark(OperationsPerInvoke = Pipelined)]
    public int Read_16_pipelined_XADD() => ReadAll(_xadds);

    [Benchmark(OperationsPerInvoke = Pipelined)]
    public int Read_16_pipelined_XREADGROUP() => ReadAll(_xreadgroups);

    [Benchmark]
    public StreamOperation Parse_XADD_arguments() => StreamCommandParser.Parse(_xaddArgs);

    [Benchmark]
    public Reply Format_XADD_reply() => StreamReplies.Format(_append, _appended);

    [Benchmark]
    public int Write_XADD_reply() => Write(_idReply);

    [Benchmark]
    public Reply Format_XRANGE_10_reply() => StreamReplies.Format(FirstTen, _tenEntries);

    [Benchmark]
    public int Write_XRANGE_10_reply() => Write(_tenReply);

    /// <summary>Encodes one reply for a RESP2 client into the reused output buffer (the connection's pipe in the gateway).</summary>
    private int Write(Reply reply)
    {
        _output.ResetWrittenCount();
        RespWriter.Write(_output, reply, 2);
        return _output.WrittenCount;
    }

    private static int ReadAll(ReadOnlySequence<byte> buffer)
    {
        var read = 0;
        while (RespReader.TryReadCommand(ref buffer, Limits, out _, out _) == RespParseStatus.Complete)
        {
            read++;
        }
        return read;
    }

    /// <summary>16 copies of one command as multibulk frames, in one buffer.</summary>
    private static ReadOnlySequence<byte> Pipeline(params string[] args)
    {
        var frame = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (var arg in args)
        {
            frame.Append('$').Append(Encoding.ASCII.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        }
        return new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(frame.ToString(), Pipelined))));
    }
}
