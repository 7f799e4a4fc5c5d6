using System.Buffers;

namespace OrleansStreams.Resp.UnitTests.Support;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, as a pipe hands over data that arrived in pieces.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Of(params byte[][] pieces)
    {
        if (pieces.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }
        var first = new Segment(pieces[0], 0);
        var last = first;
        foreach (var piece in pieces.Skip(1))
        {
            last = last.Append(piece);
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The bytes as two segments split at <paramref name="offset"/> (either may be empty).</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] bytes, int offset) => Of(bytes[..offset], bytes[offset..]);

    /// <summary>The bytes as one segment per byte.</summary>
    public static ReadOnlySequence<byte> ByteByByte(byte[] bytes) => Of(bytes.Select(b => new[] { b }).ToArray());

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
