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
                Append(a.Entry);
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

    /// <summary>Appends an entry whose ID is above <see cref="LastId"/>.</summary>
    public void Append(StreamEntry entry)
    {
        var tail = _segments.Count > 0 ? _segments[^1] : null;
        var nodeCap = NodeCapacity;
        if (tail is null || tail.Sealed)
        {
            tail = NewSegment();
        }
        var nodes = tail.Nodes!;
        if (nodes.Count == 0 || nodes[^1].SlotCount >= nodeCap)
        {
            nodes.Add(new StreamNode(nodeCap));
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
        if (nodes.Count >= Options.NodesPerSegment && node.SlotCount >= nodeCap)
        {
            tail.Sealed = true;
        }
        Length++;
        LastId = entry.Id;
        EntriesAdded++;
        Record(new StreamMutation.Append(entry));
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
