using System.Buffers;
using CsCheck;
using OrleansStreams.Resp.Protocol;
using OrleansStreams.Resp.UnitTests.Support;

namespace OrleansStreams.Resp.UnitTests.Protocol;

public class RespRoundTripProperties
{
    private static readonly Gen<byte[][]> Commands = Gen.Byte.Array[0, 40].Array[1, 8];

    [Fact]
    public void Any_arguments_encoded_as_multibulk_parse_back_equal_wherever_the_bytes_split()
    {
        Commands.Select(Gen.Int[0, 1000]).Sample((args, cut) =>
        {
            var bytes = Wire.Command(args);
            var buffer = Segments.SplitAt(bytes, cut % (bytes.Length + 1));
            var status = RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out var parsed, out _);
            return status == RespParseStatus.Complete
                && buffer.IsEmpty
                && parsed.Length == args.Length
                && parsed.Zip(args).All(p => p.First.AsSpan().SequenceEqual(p.Second));
        });
    }

    [Fact]
    public void Pipelined_commands_parse_back_in_order()
    {
        Commands.Array[1, 6].Sample(batch =>
        {
            var bytes = batch.SelectMany(Wire.Command).ToArray();
            var buffer = Segments.ByteByByte(bytes);
            foreach (var args in batch)
            {
                if (RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out var parsed, out _) != RespParseStatus.Complete
                    || !parsed.Zip(args).All(p => p.First.AsSpan().SequenceEqual(p.Second)))
                {
                    return false;
                }
            }
            return buffer.IsEmpty;
        }, iter: 300);
    }

    [Fact]
    public void Inline_arguments_quoted_with_hex_escapes_parse_back_equal()
    {
        Gen.Byte.Array[0, 20].Array[1, 6].Sample(args =>
        {
            var line = string.Join(' ', args.Select(a => "\"" + string.Concat(a.Select(b => $"\\x{b:x2}")) + "\"")) + "\r\n";
            var buffer = new ReadOnlySequence<byte>(Wire.Bytes(line));
            return RespReader.TryReadCommand(ref buffer, RespReaderLimits.Default, out var parsed, out _) == RespParseStatus.Complete
                && parsed.Length == args.Length
                && parsed.Zip(args).All(p => p.First.AsSpan().SequenceEqual(p.Second));
        });
    }
}
