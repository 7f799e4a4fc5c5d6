namespace OrleansStreams.Streams;

public sealed partial class StreamLog
{
    /// <summary>
    /// Entries with <paramref name="start"/> &lt;= ID &lt;= <paramref name="end"/>, at most
    /// <paramref name="count"/> (0 or less: all), newest first when <paramref name="reverse"/>.
    /// The segments it crosses must be loaded (<see cref="UnloadedSegmentsForRange"/>).
    /// </summary>
    public List<StreamEntry> Range(StreamEntryId start, StreamEntryId end, long count, bool reverse)
    {
        var result = new List<StreamEntry>();
        if (start > end || Length == 0)
        {
            return result;
        }
        var limit = count <= 0 ? long.MaxValue : count;
        if (!reverse)
        {
            for (var s = FirstSegmentFor(start); s < _segments.Count; s++)
            {
                var segment = _segments[s];
                if (segment.LastId < start || segment.LiveCount == 0)
                {
                    continue;
                }
                if (segment.FirstId > end || result.Count >= limit)
                {
                    break;
                }
                Touch(segment);
                foreach (var node in segment.Nodes!)
                {
                    if (node.LastSlotId < start)
                    {
                        continue;
                    }
                    for (var slot = node.LowerBound(start); slot < node.SlotCount; slot++)
                    {
                        if (node.IdAt(slot) > end || result.Count >= limit)
                        {
                            return result;
                        }
                        if (node.EntryAt(slot) is { } e)
                        {
                            result.Add(e);
                        }
                    }
                }
            }
            return result;
        }
        for (var s = LastSegmentFor(end); s >= 0; s--)
        {
            var segment = _segments[s];
            if (segment.FirstId > end || segment.LiveCount == 0)
            {
                continue;
            }
            if (segment.LastId < start || result.Count >= limit)
            {
                break;
            }
            Touch(segment);
            var nodes = segment.Nodes!;
            for (var n = nodes.Count - 1; n >= 0; n--)
            {
                var node = nodes[n];
                if (node.FirstSlotId > end)
                {
                    continue;
                }
                var upper = node.LowerBound(end.Next() ?? StreamEntryId.Max);
                if (end == StreamEntryId.Max)
                {
                    upper = node.SlotCount;
                }
                for (var slot = upper - 1; slot >= 0; slot--)
                {
                    if (node.IdAt(slot) < start || result.Count >= limit)
                    {
                        return result;
                    }
                    if (node.EntryAt(slot) is { } e)
                    {
                        result.Add(e);
                    }
                }
            }
        }
        return result;
    }

    /// <summary>The numbers of the segments that <see cref="Range"/> would read and that are not in memory.</summary>
    public List<long> UnloadedSegmentsForRange(StreamEntryId start, StreamEntryId end, long count, bool reverse)
    {
        var missing = new List<long>();
        var limit = count <= 0 ? long.MaxValue : count;
        long seen = 0;
        var from = reverse ? LastSegmentFor(end) : FirstSegmentFor(start);
        for (var s = from; s >= 0 && s < _segments.Count && seen < limit; s += reverse ? -1 : 1)
        {
            var segment = _segments[s];
            if (segment.LiveCount == 0 || segment.LastId < start || segment.FirstId > end)
            {
                continue;
            }
            if (!segment.IsLoaded)
            {
                missing.Add(segment.Number);
            }
            // Only a segment wholly inside the range surely yields all its live entries; one the range
            // starts (or, reversed, ends) inside may yield fewer, so it does not count toward the limit.
            if (reverse ? segment.LastId <= end : segment.FirstId >= start)
            {
                seen += segment.LiveCount;
            }
        }
        return missing;
    }

    /// <summary>The first segment whose last ID is &gt;= <paramref name="start"/> (segments are in ID order): a read after an ID does not walk the whole log.</summary>
    private int FirstSegmentFor(StreamEntryId start)
    {
        int lo = 0, hi = _segments.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_segments[mid].LastId < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>The last segment whose first ID is &lt;= <paramref name="end"/> (-1 when none).</summary>
    private int LastSegmentFor(StreamEntryId end)
    {
        int lo = 0, hi = _segments.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_segments[mid].FirstId <= end)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo - 1;
    }

    public StreamEntry? First()
    {
        foreach (var segment in _segments)
        {
            if (segment.LiveCount == 0)
            {
                continue;
            }
            foreach (var node in segment.Nodes!)
            {
                if (node.FirstLive() is { } e)
                {
                    return e;
                }
            }
        }
        return null;
    }

    public StreamEntry? Last()
    {
        for (var s = _segments.Count - 1; s >= 0; s--)
        {
            var segment = _segments[s];
            if (segment.LiveCount == 0)
            {
                continue;
            }
            var nodes = segment.Nodes!;
            for (var n = nodes.Count - 1; n >= 0; n--)
            {
                if (nodes[n].LastLive() is { } e)
                {
                    return e;
                }
            }
        }
        return null;
    }
}
