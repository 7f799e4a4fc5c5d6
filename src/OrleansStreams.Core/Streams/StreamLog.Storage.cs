namespace OrleansStreams.Streams;

/// <summary>A segment's place in the log, as the snapshot records it.</summary>
public readonly record struct SegmentInfo(long Number, bool Sealed, bool Loaded, bool Persisted, long Version);

public sealed partial class StreamLog
{
    private const int FormatVersion = 4;

    public IEnumerable<SegmentInfo> Segments => _segments.Select(s => new SegmentInfo(s.Number, s.Sealed, s.IsLoaded, s.Persisted, s.Version));

    /// <summary>Sealed segments whose stored copy is missing or stale: write them before the next snapshot.</summary>
    public List<long> SegmentsToPersist() =>
        _segments.Where(s => s.Sealed && !s.Persisted).Select(s => s.Number).ToList();

    public byte[] EncodeSegment(long number, out long version)
    {
        var segment = _segments.First(s => s.Number == number);
        version = segment.Version;
        // Stored under its number and version, so the blob of this version is in the current node format.
        segment.StoredFormat = StreamCodec.NodeFormat;
        using var ms = new MemoryStream();
        using (var w = StreamCodec.Writer(ms))
        {
            StreamCodec.WriteNodes(w, segment.Nodes!);
        }
        return ms.ToArray();
    }

    public void MarkPersisted(long number, long version)
    {
        if (_segments.FirstOrDefault(s => s.Number == number) is { } segment && segment.Version == version)
        {
            segment.Persisted = true;
        }
    }

    /// <summary>Segments removed from the log since the last call, whose stored copies can go.</summary>
    public List<long> DrainDroppedSegments()
    {
        var copy = new List<long>(_dropped);
        _dropped.Clear();
        return copy;
    }

    /// <summary>Puts a stored segment back in memory.</summary>
    public void LoadSegment(long number, ReadOnlySpan<byte> data)
    {
        var segment = _segments.First(s => s.Number == number);
        using var r = new BinaryReader(new MemoryStream(data.ToArray()));
        segment.Nodes = StreamCodec.ReadNodes(r, segment.StoredFormat);
        segment.Refresh();
        segment.Persisted = true;
        Touch(segment);
    }

    /// <summary>Drops the coldest persisted sealed segments from memory beyond the configured count; returns how many.</summary>
    public int EvictColdSegments()
    {
        var loaded = _segments.Where(s => s.Sealed && s.IsLoaded && s.Persisted).OrderBy(s => s.LastTouched).ToList();
        var evict = loaded.Count - Options.MaxLoadedSegments;
        for (var i = 0; i < evict; i++)
        {
            loaded[i].Nodes = null;
        }
        return Math.Max(0, evict);
    }

    /// <summary>
    /// The snapshot: counters, every segment's metadata, and the open (unsealed) segments inline.
    /// Every sealed segment must be persisted before a snapshot that names it is stored.
    /// </summary>
    public byte[] EncodeSnapshot(long journalSequence)
    {
        using var ms = new MemoryStream();
        using (var w = StreamCodec.Writer(ms))
        {
            w.Write(FormatVersion);
            w.Write(journalSequence);
            StreamCodec.WriteId(w, LastId);
            w.Write(EntriesAdded);
            StreamCodec.WriteId(w, MaxDeletedId);
            w.Write(Length);
            w.Write(_nextSegmentNumber);
            w.Write7BitEncodedInt(_segments.Count);
            foreach (var s in _segments)
            {
                w.Write(s.Number);
                w.Write(s.Sealed);
                StreamCodec.WriteId(w, s.FirstId);
                StreamCodec.WriteId(w, s.LastId);
                w.Write(s.LiveCount);
                w.Write(s.NodeCount);
                // A sealed segment is stored under its number and version: a changed one is written under a new name.
                w.Write(s.Version);
                w.Write((byte)s.StoredFormat);
                if (!s.Sealed)
                {
                    StreamCodec.WriteNodes(w, s.Nodes!);
                }
            }
            w.Write7BitEncodedInt(_groups.Count);
            foreach (var g in _groups)
            {
                w.Write(g);
            }
        }
        return ms.ToArray();
    }

    /// <summary>Rebuilds a log from a snapshot; sealed segments start unloaded. Returns the journal sequence it covers.</summary>
    public static StreamLog DecodeSnapshot(ReadOnlySpan<byte> data, StreamLogOptions? options, out long journalSequence)
    {
        var log = new StreamLog(options) { RecordMutations = false };
        using var r = new BinaryReader(new MemoryStream(data.ToArray()));
        var version = r.ReadInt32();
        if (version is < 1 or > FormatVersion)
        {
            throw new InvalidDataException("Unknown stream snapshot format.");
        }
        journalSequence = r.ReadInt64();
        log.LastId = StreamCodec.ReadId(r);
        log.EntriesAdded = r.ReadUInt64();
        log.MaxDeletedId = StreamCodec.ReadId(r);
        log.Length = r.ReadInt64();
        log._nextSegmentNumber = r.ReadInt64();
        var count = r.Read7BitEncodedInt();
        for (var i = 0; i < count; i++)
        {
            var s = new StreamSegment(r.ReadInt64()) { Sealed = r.ReadBoolean() };
            s.FirstId = StreamCodec.ReadId(r);
            s.LastId = StreamCodec.ReadId(r);
            s.LiveCount = r.ReadInt64();
            s.NodeCount = r.ReadInt32();
            s.Version = version >= 3 ? r.ReadInt64() : 0;
            s.StoredFormat = version >= 4 ? r.ReadByte() : 3;
            // The open tail has no stored blob (the snapshot carries it inline): when an append seals it, it must be written.
            s.Persisted = s.Sealed;
            s.Nodes = s.Sealed ? null : StreamCodec.ReadNodes(r, version >= 4 ? StreamCodec.NodeFormat : 3);
            log._segments.Add(s);
        }
        if (version >= 2)
        {
            var groups = r.Read7BitEncodedInt();
            for (var i = 0; i < groups; i++)
            {
                log._groups.Add(r.ReadString());
            }
        }
        log.RecordMutations = true;
        return log;
    }

    public static byte[] EncodeMutations(IReadOnlyList<StreamMutation> mutations, long sequence)
    {
        using var ms = new MemoryStream();
        using (var w = StreamCodec.Writer(ms))
        {
            w.Write(sequence);
            w.Write7BitEncodedInt(mutations.Count);
            foreach (var m in mutations)
            {
                StreamCodec.WriteMutation(w, m);
            }
        }
        return ms.ToArray();
    }

    public static List<StreamMutation> DecodeMutations(ReadOnlySpan<byte> record, out long sequence)
    {
        using var r = new BinaryReader(new MemoryStream(record.ToArray()));
        sequence = r.ReadInt64();
        var count = r.Read7BitEncodedInt();
        var list = new List<StreamMutation>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(StreamCodec.ReadMutation(r));
        }
        return list;
    }

    /// <summary>Segments that replaying <paramref name="mutation"/> needs in memory.</summary>
    public List<long> UnloadedSegmentsFor(StreamMutation mutation) => mutation switch
    {
        StreamMutation.Append => UnloadedSegmentsForAppend(),
        StreamMutation.Delete d => UnloadedSegmentsForIds(d.Ids),
        StreamMutation.Trim t => UnloadedSegmentsForTrim(t.Spec),
        _ => [],
    };

    /// <summary>Segments holding the first and last live entries, when not in memory.</summary>
    public List<long> UnloadedSegmentsForEdges()
    {
        var missing = new List<long>();
        var first = _segments.FirstOrDefault(s => s.LiveCount > 0);
        var last = _segments.LastOrDefault(s => s.LiveCount > 0);
        foreach (var s in new[] { first, last })
        {
            if (s is { IsLoaded: false } && !missing.Contains(s.Number))
            {
                missing.Add(s.Number);
            }
        }
        return missing;
    }

    private void Touch(StreamSegment segment) => segment.LastTouched = ++_clock;
}
