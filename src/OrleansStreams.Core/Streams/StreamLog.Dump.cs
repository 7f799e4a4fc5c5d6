using OrleansStreams.Grains;

namespace OrleansStreams.Streams;

/// <summary>
/// The log as whole nodes, for RENAME, DUMP and RESTORE: <see cref="ToSnapshot"/> lists every node's slots (deleted
/// ones included) and <see cref="FromSnapshot"/> builds a log with exactly those nodes. Only the node-level API
/// (<see cref="StreamNode.Slots"/>, <see cref="StreamNode.Add"/>, <see cref="StreamNode.AddDeleted"/>) is used here.
/// </summary>
public sealed partial class StreamLog
{
    /// <summary>The segments <see cref="ToSnapshot"/> needs that are not in memory.</summary>
    public List<long> UnloadedSegmentsForSnapshot() =>
        _segments.Where(s => !s.IsLoaded && s.NodeCount > 0).Select(s => s.Number).ToList();

    /// <summary>The whole stream with its node layout; every segment holding nodes must be loaded.</summary>
    public StreamSnapshot ToSnapshot()
    {
        var entries = new List<StreamEntry>();
        var nodeSlots = new List<int>();
        var deleted = new List<StreamEntryId>();
        foreach (var segment in _segments.Where(s => s.IsLoaded || s.NodeCount > 0))
        {
            Touch(segment);
            foreach (var node in segment.Nodes ?? throw new InvalidOperationException($"Segment {segment.Number} is not loaded."))
            {
                nodeSlots.Add(node.SlotCount);
                foreach (var (id, entry) in node.Slots())
                {
                    if (entry is null)
                    {
                        deleted.Add(id);
                    }
                    else
                    {
                        entries.Add(entry);
                    }
                }
            }
        }
        return new StreamSnapshot([.. entries], LastId, EntriesAdded, MaxDeletedId)
        {
            Groups = [.. _groups],
            NodeSlots = [.. nodeSlots],
            DeletedSlots = [.. deleted],
        };
    }

    /// <summary>
    /// A log holding <paramref name="snapshot"/>: its nodes as listed (or filled as appends fill them when it lists
    /// none), its counters and group names. Nothing is recorded as mutations: the caller stores the new log whole.
    /// </summary>
    public static StreamLog FromSnapshot(StreamSnapshot snapshot, StreamLogOptions? options)
    {
        var log = new StreamLog(options) { RecordMutations = false };
        if (snapshot.NodeSlots.Length == 0)
        {
            foreach (var entry in snapshot.Entries)
            {
                log.Append(entry);
            }
        }
        else
        {
            log.AddNodes(snapshot);
        }
        log.LastId = snapshot.LastId;
        log.EntriesAdded = snapshot.EntriesAdded;
        log.MaxDeletedId = snapshot.MaxDeletedId;
        log._groups.UnionWith(snapshot.Groups);
        log.RecordMutations = true;
        return log;
    }

    /// <summary>Nodes as the snapshot lists them, in segments of <see cref="StreamLogOptions.NodesPerSegment"/> nodes.</summary>
    private void AddNodes(StreamSnapshot snapshot)
    {
        var live = snapshot.Entries;
        var deleted = snapshot.DeletedSlots;
        int e = 0, d = 0;
        StreamSegment? segment = null;
        foreach (var slots in snapshot.NodeSlots)
        {
            if (slots <= 0 || slots > live.Length - e + deleted.Length - d)
            {
                throw new InvalidDataException("A stream snapshot's node layout does not match its entries.");
            }
            var node = new StreamNode();
            for (var s = 0; s < slots; s++)
            {
                if (d < deleted.Length && (e == live.Length || deleted[d] < live[e].Id))
                {
                    node.AddDeleted(deleted[d++]);
                }
                else
                {
                    node.Add(live[e++]);
                }
            }
            if (segment is null || segment.Nodes!.Count >= Options.NodesPerSegment)
            {
                segment?.Nodes![^1].Compact();
                if (segment is not null)
                {
                    segment.Sealed = true;
                }
                segment = NewSegment();
            }
            segment.Nodes!.Add(node);
            Length += node.LiveCount;
        }
        if (e != live.Length || d != deleted.Length)
        {
            throw new InvalidDataException("A stream snapshot's node layout does not match its entries.");
        }
        if (segment is not null)
        {
            // The tail segment takes appends until an append needs a node it has no room for, as Append seals it.
            segment.Sealed = false;
        }
        foreach (var s in _segments)
        {
            s.Refresh();
        }
    }
}
