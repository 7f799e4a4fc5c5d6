using OrleansStreams.Replies;

namespace OrleansStreams.Streams;

/// <summary>Runs parsed stream commands against a log and builds Redis' replies.</summary>
public static class StreamCommandExecutor
{
    /// <summary>Whether the command creates the stream when it does not exist (XADD without NOMKSTREAM).</summary>
    public static bool Creates(StreamCommand command) => command is StreamCommand.Add { NoMkStream: false };

    /// <summary>The segments the command reads or changes that are not in memory; the caller loads them first.</summary>
    public static List<long> SegmentsNeeded(StreamLog log, StreamCommand command) => command switch
    {
        StreamCommand.Add a => log.UnloadedSegmentsForTrim(a.Trim),
        StreamCommand.Range r => log.UnloadedSegmentsForRange(r.Start, r.End, r.Count, r.Reverse),
        StreamCommand.Del d => log.UnloadedSegmentsForIds(d.Ids),
        StreamCommand.TrimOnly t => log.UnloadedSegmentsForTrim(t.Trim),
        StreamCommand.SetId => log.UnloadedSegmentsForEdges(),
        StreamCommand.Info { Full: true } i => log.UnloadedSegmentsForRange(StreamEntryId.Min, StreamEntryId.Max, i.Count, false).Concat(log.UnloadedSegmentsForEdges()).Distinct().ToList(),
        StreamCommand.Info => log.UnloadedSegmentsForEdges(),
        _ => [],
    };

    /// <summary>Runs <paramref name="command"/>; <paramref name="log"/> is null when the stream does not exist.</summary>
    public static Reply Execute(StreamLog? log, StreamCommand command, ulong nowMs)
    {
        switch (command)
        {
            case StreamCommand.Invalid invalid:
                return Reply.Error(invalid.Error);
            case StreamCommand.Add add:
                return log is null ? Reply.NullBulk : Add(log, add, nowMs);
            case StreamCommand.Range range:
                if (log is null)
                {
                    return Reply.EmptyArray;
                }
                return range.Count == 0 ? Reply.NullArray : Entries(log.Range(range.Start, range.End, range.Count, range.Reverse));
            case StreamCommand.Len:
                return Reply.Integer(log?.Length ?? 0);
            case StreamCommand.Del del:
                return Reply.Integer(log?.Delete(del.Ids) ?? 0);
            case StreamCommand.TrimOnly trim:
                return Reply.Integer(log?.Trim(trim.Trim) ?? 0);
            case StreamCommand.SetId setId:
                return log is null ? Reply.Error(RedisErrors.NoSuchKey) : SetId(log, setId);
            case StreamCommand.Info info:
                return log is null ? Reply.Error(RedisErrors.NoSuchKey) : Info(log, info);
            default:
                return Reply.Error(RedisErrors.Syntax);
        }
    }

    public static Reply Entry(StreamEntry e)
    {
        var fields = new Reply[e.Fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = new BulkReply(e.Fields[i]);
        }
        return new ArrayReply([new BulkReply(e.Id.ToUtf8()), new ArrayReply(fields)]);
    }

    public static Reply Entries(List<StreamEntry> entries)
    {
        var items = new Reply[entries.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Entry(entries[i]);
        }
        return new ArrayReply(items);
    }

    private static Reply Add(StreamLog log, StreamCommand.Add add, ulong nowMs)
    {
        var error = log.TryNextId(add.IdGiven, add.SeqGiven, add.Id, nowMs, out var id);
        if (error is not null)
        {
            return Reply.Error(error);
        }
        log.Append(new StreamEntry(id, add.Fields));
        log.Trim(add.Trim);
        return new BulkReply(id.ToUtf8());
    }

    private static Reply SetId(StreamLog log, StreamCommand.SetId cmd)
    {
        if (log.Length > 0)
        {
            if (cmd.LastId < log.Last()!.Id)
            {
                return Reply.Error(RedisErrors.StreamSetIdSmaller);
            }
            if (cmd.EntriesAdded != -1 && log.Length > cmd.EntriesAdded)
            {
                return Reply.Error(RedisErrors.StreamSetIdEntriesAdded);
            }
        }
        log.SetId(cmd.LastId, cmd.EntriesAdded == -1 ? null : (ulong)cmd.EntriesAdded, cmd.MaxDeletedId == StreamEntryId.Min ? null : cmd.MaxDeletedId);
        return Reply.Ok;
    }

    private static Reply Info(StreamLog log, StreamCommand.Info info)
    {
        var keys = log.NodeCount;
        var head = new List<Reply>
        {
            Reply.Bulk("length"), Reply.Integer(log.Length),
            Reply.Bulk("radix-tree-keys"), Reply.Integer(keys),
            // The radix tree's inner node count has no equivalent here; this is an estimate.
            Reply.Bulk("radix-tree-nodes"), Reply.Integer(keys + 1),
            Reply.Bulk("last-generated-id"), Reply.Bulk(log.LastId.ToString()),
            Reply.Bulk("max-deleted-entry-id"), Reply.Bulk(log.MaxDeletedId.ToString()),
            Reply.Bulk("entries-added"), Reply.Integer((long)log.EntriesAdded),
            Reply.Bulk("recorded-first-entry-id"), Reply.Bulk(log.FirstId.ToString()),
        };
        if (info.Full)
        {
            head.Add(Reply.Bulk("entries"));
            head.Add(Entries(log.Range(StreamEntryId.Min, StreamEntryId.Max, info.Count, false)));
            head.Add(Reply.Bulk("groups"));
            head.Add(Reply.EmptyArray);
        }
        else
        {
            head.Add(Reply.Bulk("groups"));
            head.Add(Reply.Integer(log.Groups.Count));
            head.Add(Reply.Bulk("first-entry"));
            head.Add(log.First() is { } first ? Entry(first) : Reply.NullBulk);
            head.Add(Reply.Bulk("last-entry"));
            head.Add(log.Last() is { } last ? Entry(last) : Reply.NullBulk);
        }
        return new MapReply(head.ToArray());
    }
}
