namespace OrleansStreams.Streams;

/// <summary>
/// A Redis stream's log: entries in ID order in nodes and segments, ID generation, range scans,
/// deletion and trimming, with Redis 7 semantics. Pure logic: storage is the caller's; the log
/// records each change as a <see cref="StreamMutation"/> for the caller to journal.
/// </summary>
public sealed partial class StreamLog
{
    private readonly List<StreamSegment> _segments = [];
    private readonly List<StreamMutation> _mutations = [];
    private readonly List<long> _dropped = [];
    private readonly SortedSet<string> _groups = new(StringComparer.Ordinal);
    private long _nextSegmentNumber;
    private long _clock;

    public StreamLog(StreamLogOptions? options = null) => Options = options ?? new StreamLogOptions();

    public StreamLogOptions Options { get; }

    public long Length { get; private set; }

    public StreamEntryId LastId { get; private set; }

    public ulong EntriesAdded { get; private set; }

    public StreamEntryId MaxDeletedId { get; private set; }

    /// <summary>Number of nodes (Redis' radix-tree keys).</summary>
    public long NodeCount
    {
        get
        {
            long n = 0;
            foreach (var s in _segments)
            {
                n += s.NodeCount;
            }
            return n;
        }
    }

    /// <summary>Whether changes are collected in <see cref="DrainMutations"/> (off while replaying).</summary>
    public bool RecordMutations { get; set; } = true;

    public List<StreamMutation> DrainMutations()
    {
        var copy = new List<StreamMutation>(_mutations);
        _mutations.Clear();
        return copy;
    }

    public void Apply(StreamMutation mutation)
    {
        switch (mutation)
        {
            case StreamMutation.Append a:
                Record(new StreamMutation.Append(a.Entry, AppendTo(a.Entry, a.StartsNode)));
                break;
            case StreamMutation.Delete d:
                Delete(d.Ids);
                break;
            case StreamMutation.Trim t:
                Trim(t.Spec);
                break;
            case StreamMutation.SetId s:
                SetId(s.LastId, s.EntriesAdded, s.MaxDeletedId);
                break;
            case StreamMutation.GroupAdded g:
                AddGroup(g.Name);
                break;
            case StreamMutation.GroupRemoved g:
                RemoveGroup(g.Name);
                break;
        }
    }

    /// <summary>
    /// Resolves the ID for an XADD: explicit (<paramref name="seqGiven"/>), <c>ms-*</c> or <c>*</c>
    /// (<paramref name="idGiven"/> false). Returns why the ID cannot be used, or <see cref="StreamError.None"/>.
    /// </summary>
    public StreamError TryNextId(bool idGiven, bool seqGiven, StreamEntryId requested, ulong nowMs, out StreamEntryId id)
    {
        id = default;
        if (LastId == StreamEntryId.Max)
        {
            return StreamError.IdExhausted;
        }
        if (!idGiven)
        {
            if (nowMs > LastId.Ms)
            {
                id = new StreamEntryId(nowMs, 0);
            }
            else
            {
                id = LastId.Next()!.Value;
            }
            return StreamError.None;
        }
        if (!seqGiven)
        {
            if (requested.Ms == LastId.Ms)
            {
                if (LastId.Seq == ulong.MaxValue)
                {
                    return StreamError.IdTooSmall;
                }
                id = new StreamEntryId(requested.Ms, LastId.Seq + 1);
            }
            else
            {
                id = new StreamEntryId(requested.Ms, 0);
            }
        }
        else
        {
            id = requested;
        }
        return id <= LastId ? StreamError.IdTooSmall : StreamError.None;
    }

    /// <summary>
    /// Appends an entry whose ID is above <see cref="LastId"/>, into the tail node unless it is full by
    /// <paramref name="limits"/> (null: the options' defaults), as Redis' streamAppendItem decides.
    /// The tail segment must be loaded (<see cref="UnloadedSegmentsForAppend"/>).
    /// </summary>
    public void Append(StreamEntry entry, StreamNodeLimits? limits = null)
    {
        Record(new StreamMutation.Append(entry, AppendTo(entry, StartsNode(entry, limits?.MaxEntries ?? Options.NodeMaxEntries, limits?.MaxBytes ?? Options.NodeMaxBytes))));
    }

    /// <summary>The tail segment when it is not in memory: an append may continue its last node.</summary>
    public List<long> UnloadedSegmentsForAppend() =>
        _segments.Count > 0 && !_segments[^1].IsLoaded ? [_segments[^1].Number] : [];

    /// <summary>
    /// Whether the entry needs a new node: the tail node's listpack plus the entry's field and value
    /// bytes reach <c>stream-node-max-bytes</c> (0 or above 1 GiB: 1 GiB), or it holds
    /// <c>stream-node-max-entries</c> slots (0: no limit).
    /// </summary>
    private bool StartsNode(StreamEntry entry, long maxEntries, long maxBytesSetting)
    {
        if (TailNode() is not { } tail)
        {
            return true;
        }
        const long maxListpack = 1L << 30;
        var maxBytes = maxBytesSetting <= 0 || maxBytesSetting > maxListpack ? maxListpack : maxBytesSetting;
        long valueBytes = 0;
        foreach (var f in entry.Fields)
        {
            valueBytes += f.Length;
        }
        if (tail.Bytes + valueBytes >= maxBytes)
        {
            return true;
        }
        return maxEntries > 0 && tail.SlotCount >= maxEntries;
    }

    private StreamNode? TailNode() =>
        _segments.Count > 0 && _segments[^1].Nodes is { Count: > 0 } nodes ? nodes[^1] : null;

    /// <summary>Appends into the tail node or a new one; returns which.</summary>
    private bool AppendTo(StreamEntry entry, bool? startsNode)
    {
        startsNode ??= StartsNode(entry, Options.NodeMaxEntries, Options.NodeMaxBytes);
        var tail = _segments.Count > 0 ? _segments[^1] : null;
        if (tail is not null && ((startsNode.Value && tail.NodeCount >= Options.NodesPerSegment) || !tail.IsLoaded))
        {
            // The segment is complete: it takes no more appends and is written to storage once.
            tail.Sealed = true;
            tail.Nodes?[^1].Compact();
            tail = null;
        }
        if (tail is null)
        {
            tail = NewSegment();
        }
        else if (tail.Sealed)
        {
            // Its last node takes the entry (the segment after it was deleted): it is open again.
            tail.Sealed = false;
        }
        var nodes = tail.Nodes!;
        var newNode = nodes.Count == 0 || startsNode.Value;
        if (newNode)
        {
            if (nodes.Count > 0)
            {
                nodes[^1].Compact();
            }
            nodes.Add(new StreamNode());
        }
        var node = nodes[^1];
        node.Add(entry);
        if (nodes.Count == 1 && node.SlotCount == 1)
        {
            tail.FirstId = entry.Id;
        }
        tail.NodeCount = nodes.Count;
        tail.LastId = entry.Id;
        tail.LiveCount++;
        tail.Persisted = false;
        tail.Version++;
        Length++;
        LastId = entry.Id;
        EntriesAdded++;
        return newNode;
    }

    /// <summary>XSETID: moves the last ID (and optionally entries-added and max-deleted-id).</summary>
    public void SetId(StreamEntryId lastId, ulong? entriesAdded, StreamEntryId? maxDeletedId)
    {
        LastId = lastId;
        if (entriesAdded is { } added)
        {
            EntriesAdded = added;
        }
        if (maxDeletedId is { } maxDeleted)
        {
            MaxDeletedId = maxDeleted;
        }
        Record(new StreamMutation.SetId(lastId, entriesAdded, maxDeletedId));
    }

    /// <summary>The names of the stream's consumer groups; each group's state lives in its own grain.</summary>
    public IReadOnlyCollection<string> Groups => _groups;

    /// <summary>Registers a consumer group; false when the name is taken.</summary>
    public bool AddGroup(string name)
    {
        if (!_groups.Add(name))
        {
            return false;
        }
        Record(new StreamMutation.GroupAdded(name));
        return true;
    }

    public bool RemoveGroup(string name)
    {
        if (!_groups.Remove(name))
        {
            return false;
        }
        Record(new StreamMutation.GroupRemoved(name));
        return true;
    }

    /// <summary>The first live entry's ID, 0-0 when empty (Redis' recorded-first-entry-id).</summary>
    public StreamEntryId FirstId => First()?.Id ?? default;

    private StreamSegment NewSegment()
    {
        var segment = new StreamSegment(_nextSegmentNumber++) { LastTouched = ++_clock };
        _segments.Add(segment);
        return segment;
    }

    private void Record(StreamMutation mutation)
    {
        if (RecordMutations)
        {
            _mutations.Add(mutation);
        }
    }
}
