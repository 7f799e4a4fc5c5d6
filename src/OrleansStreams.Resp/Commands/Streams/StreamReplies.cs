using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.Resp.Commands;

/// <summary>Turns typed stream results into Redis 7.0's replies.</summary>
public static class StreamReplies
{
    /// <summary>The reply to <paramref name="operation"/> whose result is <paramref name="result"/>.</summary>
    public static Reply Format(StreamOperation operation, StreamResult result) => result switch
    {
        StreamResult.Failed failed => Reply.Error(StreamErrorTexts.Stream(failed.Error)),
        StreamResult.Appended { Id: { } id } => Id(id),
        StreamResult.Appended => Reply.NullBulk,
        // XRANGE COUNT 0 on an existing stream answers a null array, as Redis does.
        StreamResult.Entries { StreamExists: true } when operation is StreamOperation.Range { Count: 0 } => Reply.NullArray,
        StreamResult.Entries entries => Entries(entries.Items),
        StreamResult.Counted counted => Reply.Integer(counted.Value),
        StreamResult.Done => Reply.Ok,
        StreamResult.Described described => Info(described.Info),
        _ => Reply.Error(RedisErrors.Syntax),
    };

    public static Reply Id(StreamEntryId id) => new BulkReply(id.ToUtf8());

    /// <summary>XREAD's and XREADGROUP's reply over the streams that had entries: RESP2 an array of [key, entries], RESP3 a map from key to entries.</summary>
    public static Reply PerStream(int protocol, IReadOnlyList<(byte[] Key, Reply Entries)> streams)
    {
        var items = new List<Reply>(streams.Count * 2);
        foreach (var (key, entries) in streams)
        {
            if (protocol >= 3)
            {
                items.Add(new BulkReply(key));
                items.Add(entries);
            }
            else
            {
                items.Add(new ArrayReply([new BulkReply(key), entries]));
            }
        }
        return protocol >= 3 ? new MapReply(items.ToArray()) : new ArrayReply(items.ToArray());
    }

    /// <summary>An entry: [id, [field, value, …]].</summary>
    public static Reply Entry(StreamEntry e) => Entry(e.Id, e.Fields);

    public static Reply Entry(StreamEntryId id, byte[][] fields)
    {
        var items = new Reply[fields.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new BulkReply(fields[i]);
        }
        return new ArrayReply([Id(id), new ArrayReply(items)]);
    }

    public static Reply Entries(IReadOnlyList<StreamEntry> entries) => new StreamEntriesReply(entries);

    /// <summary>XINFO STREAM, short or FULL (with <see cref="StreamInfo.GroupDetails"/> as its groups), in Redis 7.0's field order.</summary>
    public static Reply Info(StreamInfo info)
    {
        var head = new List<Reply>
        {
            Reply.Bulk("length"), Reply.Integer(info.Length),
            Reply.Bulk("radix-tree-keys"), Reply.Integer(info.RadixTreeKeys),
            Reply.Bulk("radix-tree-nodes"), Reply.Integer(info.RadixTreeNodes),
            Reply.Bulk("last-generated-id"), Reply.Bulk(info.LastGeneratedId.ToString()),
            Reply.Bulk("max-deleted-entry-id"), Reply.Bulk(info.MaxDeletedEntryId.ToString()),
            Reply.Bulk("entries-added"), Reply.Integer((long)info.EntriesAdded),
            Reply.Bulk("recorded-first-entry-id"), Reply.Bulk(info.RecordedFirstEntryId.ToString()),
        };
        if (info.Entries is { } entries)
        {
            head.Add(Reply.Bulk("entries"));
            head.Add(Entries(entries));
            head.Add(Reply.Bulk("groups"));
            head.Add(Reply.Array((info.GroupDetails ?? []).Select(ConsumerGroupReplies.FullInfo)));
        }
        else
        {
            head.Add(Reply.Bulk("groups"));
            head.Add(Reply.Integer(info.Groups));
            head.Add(Reply.Bulk("first-entry"));
            head.Add(info.FirstEntry is { } first ? Entry(first) : Reply.NullBulk);
            head.Add(Reply.Bulk("last-entry"));
            head.Add(info.LastEntry is { } last ? Entry(last) : Reply.NullBulk);
        }
        return new MapReply(head.ToArray());
    }
}
