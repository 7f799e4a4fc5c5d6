using CsCheck;
using OrleansStreams.Rdb;

namespace OrleansStreams.Core.UnitTests.Rdb;

public sealed class CodecPropertyTests
{
    private static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (1, Gen.Byte.Array[0, 400]),
        (2, Gen.Byte[(byte)'a', (byte)'d'].Array[0, 2000]),
        (1, Gen.Select(Gen.Byte.Array[1, 12], Gen.Int[1, 300]).Select((chunk, times) => Enumerable.Repeat(chunk, times).SelectMany(c => c).ToArray())));

    [Fact]
    public void Lzf_decompresses_what_it_compresses() =>
        Bytes.Sample(input =>
        {
            var compressed = Lzf.Compress(input, input.Length + 64);
            return input.Length == 0 ? compressed is null : Lzf.Decompress(compressed!, input.Length)!.AsSpan().SequenceEqual(input);
        });

    [Fact]
    public void Lzf_gives_up_when_the_output_limit_is_too_small() =>
        Assert.Null(Lzf.Compress(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 252));

    [Fact]
    public void Lzf_refuses_a_back_reference_before_the_start() =>
        Assert.Null(Lzf.Decompress([0x20, 0x05], 3));

    [Fact]
    public void Listpack_reads_back_every_integer_and_string_it_writes()
    {
        var element = Gen.OneOf(
            Gen.Long.Select(v => RdbIntegers.ToBytes(v)),
            Gen.Long[-5000, 5000].Select(v => RdbIntegers.ToBytes(v)),
            Gen.Byte.Array[0, 5000],
            Gen.String[Gen.Char['0', '9'], 1, 22].Select(s => System.Text.Encoding.ASCII.GetBytes(s)));
        element.Array[1, 40].Sample(items =>
        {
            var lp = new ListpackWriter();
            foreach (var item in items)
            {
                lp.Add(item);
            }
            var read = ListpackReader.Read(lp.ToArray());
            return read.Count == items.Length && read.Zip(items).All(p => p.First.ToBytes().AsSpan().SequenceEqual(p.Second));
        });
    }

    [Fact]
    public void Rdb_strings_and_lengths_read_back() =>
        Gen.Select(Gen.Byte.Array[0, 3000], Gen.ULong).Sample((s, length) =>
        {
            var w = new RdbWriter().WriteString(s).WriteLength(length);
            var r = new RdbReader(w.ToArray());
            return r.ReadString().AsSpan().SequenceEqual(s) && r.ReadLength() == length;
        });
}
