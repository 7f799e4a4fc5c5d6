using System.Text;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Grains;
using OrleansStreams.Streams;

namespace OrleansStreams.Rdb;

/// <summary>
/// Between a stream as this server keeps it (an exported <see cref="StreamSnapshot"/> and its groups'
/// <see cref="ConsumerGroup"/> states) and its RDB form. Group and consumer names are byte strings carried as
/// Latin-1 strings, as everywhere in the grains.
/// </summary>
/// <remarks>
/// A deleted slot keeps only its ID here, where Redis keeps the deleted entry's fields and values in its node: DUMP
/// writes such a slot with the node's master fields and empty values, and a node whose first slot is deleted takes
/// the fields of its first live entry as master fields. The dead-letter policy of a group has no RDB form and is
/// not written.
/// </remarks>
public static class RdbStreamMapping
{
    private const int DefaultNodeEntries = 100;

    /// <summary>DUMP: the RDB form of an exported stream and its groups' states (<see cref="ConsumerGroup.EncodeSnapshot"/>).</summary>
    public static RdbStream ToRdb(StreamSnapshot snapshot, IReadOnlyList<ConsumerGroup> groups)
    {
        var nodes = new List<RdbStreamNode>();
        var slots = Slots(snapshot).GetEnumerator();
        var layout = snapshot.NodeSlots.Length > 0
            ? snapshot.NodeSlots
            : Enumerable.Repeat(DefaultNodeEntries, (snapshot.Entries.Length + DefaultNodeEntries - 1) / DefaultNodeEntries)
                .Select((n, i) => Math.Min(n, snapshot.Entries.Length - i * DefaultNodeEntries)).ToArray();
        foreach (var count in layout)
        {
            var nodeSlots = new List<(StreamEntryId Id, StreamEntry? Entry)>(count);
            for (var i = 0; i < count && slots.MoveNext(); i++)
            {
                nodeSlots.Add(slots.Current);
            }
            nodes.Add(Node(nodeSlots));
        }
        return new RdbStream(
            nodes,
            (ulong)snapshot.Entries.Length,
            snapshot.LastId,
            snapshot.Entries.Length > 0 ? snapshot.Entries[0].Id : StreamEntryId.Min,
            snapshot.MaxDeletedId,
            snapshot.EntriesAdded,
            [.. groups.Select(Group)]);
    }

    /// <summary>RESTORE: the stream to import and each group's state to import (name → <see cref="ConsumerGroup.EncodeSnapshot"/>).</summary>
    public static (StreamSnapshot Stream, Dictionary<string, byte[]> GroupStates) FromRdb(RdbStream stream)
    {
        var all = stream.Nodes.SelectMany(n => n.Slots).ToList();
        if (all.Count > 0 && all[^1].Id > stream.LastId)
        {
            throw new RdbFormatException("Stream last ID below its last entry.");
        }
        var snapshot = new StreamSnapshot(
            [.. all.Where(s => !s.Deleted).Select(s => new StreamEntry(s.Id, s.Fields))],
            stream.LastId,
            stream.EntriesAdded,
            stream.MaxDeletedId)
        {
            Groups = [.. stream.Groups.Select(g => Name(g.Name))],
            NodeSlots = [.. stream.Nodes.Select(n => n.Slots.Count)],
            DeletedSlots = [.. all.Where(s => s.Deleted).Select(s => s.Id)],
        };
        var states = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var g in stream.Groups)
        {
            var group = ConsumerGroup.ForReplay(Name(g.Name));
            group.Apply(new ConsumerGroupMutation.Cursor(g.LastDeliveredId, g.EntriesRead));
            var pending = g.Pending.ToDictionary(p => p.Id);
            foreach (var consumer in g.Consumers)
            {
                var name = Name(consumer.Name);
                group.Apply(new ConsumerGroupMutation.ConsumerCreated(name, consumer.SeenTimeMs));
                foreach (var id in consumer.Pending)
                {
                    var nack = pending[id];
                    group.Apply(new ConsumerGroupMutation.Delivered(id, name, nack.DeliveryTimeMs, (long)nack.DeliveryCount));
                }
            }
            states[group.Name] = group.EncodeSnapshot(0);
        }
        return (snapshot, states);
    }

    private static IEnumerable<(StreamEntryId Id, StreamEntry? Entry)> Slots(StreamSnapshot snapshot)
    {
        int e = 0, d = 0;
        var live = snapshot.Entries;
        var deleted = snapshot.DeletedSlots;
        while (e < live.Length || d < deleted.Length)
        {
            yield return d < deleted.Length && (e == live.Length || deleted[d] < live[e].Id)
                ? (deleted[d++], null)
                : (live[e].Id, live[e++]);
        }
    }

    private static RdbStreamNode Node(List<(StreamEntryId Id, StreamEntry? Entry)> slots)
    {
        var first = slots.FirstOrDefault(s => s.Entry is not null).Entry;
        var master = first is null ? [] : FieldNames(first.Fields);
        var placeholder = master.SelectMany(f => new[] { f, Array.Empty<byte>() }).ToArray();
        return new RdbStreamNode(
            slots[0].Id,
            master,
            [.. slots.Select(s => new RdbStreamSlot(s.Id, s.Entry is null, s.Entry?.Fields ?? placeholder))]);
    }

    private static byte[][] FieldNames(byte[][] fields) => [.. fields.Where((_, i) => i % 2 == 0)];

    private static RdbStreamGroup Group(ConsumerGroup group) => new(
        Encoding.Latin1.GetBytes(group.Name),
        group.LastDeliveredId,
        group.EntriesRead,
        [.. group.Pending.Select(p => new RdbPendingEntry(p.Id, p.DeliveryTimeMs, (ulong)p.DeliveryCount))],
        [.. group.Consumers.Select(c => new RdbConsumer(Encoding.Latin1.GetBytes(c.Name), c.SeenTimeMs, [.. c.PendingIds]))]);

    private static string Name(byte[] name) => Encoding.Latin1.GetString(name);
}
