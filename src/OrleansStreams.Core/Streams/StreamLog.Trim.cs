namespace OrleansStreams.Streams;

public sealed partial class StreamLog
{
    /// <summary>XDEL: deletes the entries with these IDs; returns how many existed.</summary>
    public long Delete(IReadOnlyList<StreamEntryId> ids)
    {
        long deleted = 0;
        List<StreamEntryId>? effect = RecordMutations ? [] : null;
        foreach (var id in ids)
        {
            var segment = FindSegment(id);
            if (segment is null)
            {
                continue;
            }
            var nodes = segment.Nodes!;
            for (var n = 0; n < nodes.Count; n++)
            {
                var node = nodes[n];
                if (id < node.FirstSlotId || id > node.LastSlotId || !node.Delete(id))
                {
                    continue;
                }
                deleted++;
                effect?.Add(id);
                Length--;
                if (id > MaxDeletedId)
                {
                    MaxDeletedId = id;
                }
                // Redis frees a node once its last live entry is gone.
                if (node.LiveCount == 0)
                {
                    nodes.RemoveAt(n);
                }
                MarkChanged(segment);
                if (nodes.Count == 0)
                {
                    // An empty segment goes too, so the log's last node is always in its last segment.
                    _segments.Remove(segment);
                    _dropped.Add(segment.Number);
                }
                break;
            }
        }
        if (effect is { Count: > 0 })
        {
            // Journaled as its effect: the IDs that were there.
            Record(new StreamMutation.Delete([.. effect]));
        }
        return deleted;
    }

    /// <summary>The segments that <see cref="Delete"/> needs in memory.</summary>
    public List<long> UnloadedSegmentsForIds(IEnumerable<StreamEntryId> ids)
    {
        var missing = new List<long>();
        foreach (var id in ids)
        {
            if (FindSegment(id, requireLoaded: false) is { IsLoaded: false } s && !missing.Contains(s.Number))
            {
                missing.Add(s.Number);
            }
        }
        return missing;
    }

    /// <summary>
    /// XTRIM / XADD trimming, as Redis' streamTrim: whole nodes while they can go, then (exact only)
    /// entries inside the first remaining node. Returns the number of entries removed.
    /// </summary>
    public long Trim(StreamTrim spec)
    {
        if (spec.Strategy == TrimStrategy.None)
        {
            return 0;
        }
        long deleted = 0;
        var stop = false;
        while (!stop && _segments.Count > 0)
        {
            var segment = _segments[0];
            if (spec.Strategy == TrimStrategy.MaxLen && Length <= spec.MaxLen)
            {
                break;
            }
            // A whole segment goes when every node in it would go one by one.
            var wholeSegment = spec.Strategy == TrimStrategy.MaxLen
                ? Length - segment.LiveCount >= spec.MaxLen
                : segment.LastId < spec.MinId;
            var withinLimit = spec.Limit == 0 || deleted + segment.LiveCount <= spec.Limit;
            if (wholeSegment && withinLimit)
            {
                _segments.RemoveAt(0);
                _dropped.Add(segment.Number);
                Length -= segment.LiveCount;
                deleted += segment.LiveCount;
                continue;
            }
            var nodes = segment.Nodes!;
            while (nodes.Count > 0)
            {
                var node = nodes[0];
                if (spec.Strategy == TrimStrategy.MaxLen && Length <= spec.MaxLen)
                {
                    stop = true;
                    break;
                }
                if (spec.Limit != 0 && deleted + node.LiveCount > spec.Limit)
                {
                    stop = true;
                    break;
                }
                var removeNode = spec.Strategy == TrimStrategy.MaxLen
                    ? Length - node.LiveCount >= spec.MaxLen
                    : node.LastSlotId < spec.MinId;
                if (removeNode)
                {
                    nodes.RemoveAt(0);
                    Length -= node.LiveCount;
                    deleted += node.LiveCount;
                    continue;
                }
                if (!spec.Approx)
                {
                    var excess = Length - spec.MaxLen;
                    var removed = node.TrimFront(id => spec.Strategy == TrimStrategy.MaxLen ? excess-- > 0 : id < spec.MinId);
                    deleted += removed;
                    Length -= removed;
                }
                stop = true;
                break;
            }
            MarkChanged(segment);
            if (nodes.Count == 0)
            {
                _segments.RemoveAt(0);
                _dropped.Add(segment.Number);
            }
            else
            {
                stop = true;
            }
        }
        if (deleted > 0 && RecordMutations)
        {
            // Journaled as its effect: everything before the first kept entry goes. Replayed as an
            // exact MINID trim it removes the same nodes and entries, whatever the spec and limit were.
            var firstKept = FirstKeptAfterTrim();
            Record(new StreamMutation.Trim(new StreamTrim(TrimStrategy.MinId, 0, firstKept, false, 0)));
        }
        return deleted;
    }

    /// <summary>The one segment that <see cref="Trim"/> may have to look inside, when it is not in memory.</summary>
    public List<long> UnloadedSegmentsForTrim(StreamTrim spec)
    {
        var missing = new List<long>();
        var length = Length;
        long deleted = 0;
        foreach (var segment in _segments)
        {
            if (spec.Strategy == TrimStrategy.None || (spec.Strategy == TrimStrategy.MaxLen && length <= spec.MaxLen))
            {
                break;
            }
            var whole = spec.Strategy == TrimStrategy.MaxLen ? length - segment.LiveCount >= spec.MaxLen : segment.LastId < spec.MinId;
            if (whole && (spec.Limit == 0 || deleted + segment.LiveCount <= spec.Limit))
            {
                length -= segment.LiveCount;
                deleted += segment.LiveCount;
                continue;
            }
            if (!segment.IsLoaded)
            {
                missing.Add(segment.Number);
            }
            break;
        }
        return missing;
    }

    /// <summary>The first live entry's ID; a segment the trim never looked into may be unloaded, and its first slot serves.</summary>
    private StreamEntryId FirstKeptAfterTrim()
    {
        foreach (var segment in _segments)
        {
            if (segment.LiveCount == 0)
            {
                continue;
            }
            if (!segment.IsLoaded)
            {
                return segment.FirstId;
            }
            foreach (var node in segment.Nodes!)
            {
                if (node.FirstLive() is { } e)
                {
                    return e.Id;
                }
            }
        }
        return LastId.Next() ?? StreamEntryId.Max;
    }

    private StreamSegment? FindSegment(StreamEntryId id, bool requireLoaded = true)
    {
        foreach (var segment in _segments)
        {
            if (segment.NodeCount > 0 && id >= segment.FirstId && id <= segment.LastId)
            {
                return !requireLoaded || segment.IsLoaded ? segment : null;
            }
        }
        return null;
    }

    private void MarkChanged(StreamSegment segment)
    {
        segment.Refresh();
        segment.Persisted = false;
        segment.Version++;
        Touch(segment);
    }
}
