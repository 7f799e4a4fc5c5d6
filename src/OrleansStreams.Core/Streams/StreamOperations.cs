namespace OrleansStreams.Streams;

/// <summary>Runs typed stream operations against a log and builds their typed results.</summary>
public static class StreamOperations
{
    /// <summary>Whether the operation creates the stream when it does not exist (an append without NOMKSTREAM).</summary>
    public static bool Creates(StreamOperation operation) => operation is StreamOperation.Append { NoMkStream: false };

    /// <summary>The segments the operation reads or changes that are not in memory; the caller loads them first.</summary>
    public static List<long> SegmentsNeeded(StreamLog log, StreamOperation operation) => operation switch
    {
        StreamOperation.Append a => log.UnloadedSegmentsForTrim(a.Trimming).Union(log.UnloadedSegmentsForAppend()).ToList(),
        StreamOperation.Range r => log.UnloadedSegmentsForRange(r.Start, r.End, r.Count, r.Reverse),
        StreamOperation.Delete d => log.UnloadedSegmentsForIds(d.Ids),
        StreamOperation.Trim t => log.UnloadedSegmentsForTrim(t.Spec),
        StreamOperation.SetId => log.UnloadedSegmentsForEdges(),
        StreamOperation.Info { Full: true } i => log.UnloadedSegmentsForRange(StreamEntryId.Min, StreamEntryId.Max, i.Count, false).Concat(log.UnloadedSegmentsForEdges()).Distinct().ToList(),
        StreamOperation.Info => log.UnloadedSegmentsForEdges(),
        _ => [],
    };

    /// <summary>Runs <paramref name="operation"/>; <paramref name="log"/> is null when the stream does not exist.</summary>
    public static StreamResult Execute(StreamLog? log, StreamOperation operation, ulong nowMs) => operation switch
    {
        StreamOperation.Append append => log is null ? new StreamResult.Appended(null) : Append(log, append, nowMs),
        StreamOperation.Range range => new StreamResult.Entries(
            log is null || range.Count == 0 ? [] : [.. log.Range(range.Start, range.End, range.Count, range.Reverse)], log is not null),
        StreamOperation.Length => new StreamResult.Counted(log?.Length ?? 0),
        StreamOperation.Delete { InvalidId: true } => log is null ? new StreamResult.Counted(0) : new StreamResult.Failed(StreamError.InvalidId),
        StreamOperation.Delete delete => new StreamResult.Counted(log?.Delete(delete.Ids) ?? 0),
        StreamOperation.Trim trim => new StreamResult.Counted(log?.Trim(trim.Spec) ?? 0),
        StreamOperation.SetId setId => log is null ? new StreamResult.Failed(StreamError.NoSuchKey) : SetId(log, setId),
        StreamOperation.Info info => log is null ? new StreamResult.Failed(StreamError.NoSuchKey) : new StreamResult.Described(Info(log, info)),
        _ => throw new ArgumentException($"Unknown stream operation {operation.GetType().Name}.", nameof(operation)),
    };

    private static StreamResult Append(StreamLog log, StreamOperation.Append append, ulong nowMs)
    {
        var error = log.TryNextId(append.IdGiven, append.SeqGiven, append.Id, nowMs, out var id);
        if (error == StreamError.IdTooSmall && append.IdGiven && !append.SeqGiven && append.Id.Ms == log.LastId.Ms)
        {
            // ms-* whose sequence would pass the greatest one: Redis 7.0 fails this append with its allocation error's words.
            error = StreamError.SequenceExhausted;
        }
        if (error != StreamError.None)
        {
            return new StreamResult.Failed(error);
        }
        log.Append(new StreamEntry(id, append.Fields), append.NodeLimits);
        log.Trim(append.Trimming);
        return new StreamResult.Appended(id);
    }

    private static StreamResult SetId(StreamLog log, StreamOperation.SetId op)
    {
        if (log.Length > 0)
        {
            if (op.LastId < log.Last()!.Id)
            {
                return new StreamResult.Failed(StreamError.SetIdTooSmall);
            }
            if (op.EntriesAdded != -1 && log.Length > op.EntriesAdded)
            {
                return new StreamResult.Failed(StreamError.SetIdEntriesAddedTooSmall);
            }
        }
        log.SetId(op.LastId, op.EntriesAdded == -1 ? null : (ulong)op.EntriesAdded, op.MaxDeletedId == StreamEntryId.Min ? null : op.MaxDeletedId);
        return StreamResult.Ok;
    }

    private static StreamInfo Info(StreamLog log, StreamOperation.Info info)
    {
        var keys = log.NodeCount;
        // The radix tree's inner node count has no equivalent here; keys + 1 is an estimate.
        return new StreamInfo(
            log.Length, keys, keys + 1, log.LastId, log.MaxDeletedId, log.EntriesAdded, log.FirstId, log.Groups.Count,
            info.Full ? null : log.First(),
            info.Full ? null : log.Last(),
            info.Full ? [.. log.Range(StreamEntryId.Min, StreamEntryId.Max, info.Count, false)] : null);
    }
}
