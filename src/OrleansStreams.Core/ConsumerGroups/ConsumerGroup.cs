using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>
/// One Redis 7 consumer group of one stream: cursor, entries-read, the pending entries list (PEL) and
/// the consumers, with Redis 7.0 semantics. Pure logic: the stream's entries and counters are passed
/// in by the caller, time is passed as <c>nowMs</c>, and each change is recorded as a
/// <see cref="ConsumerGroupMutation"/> for the caller to journal.
/// </summary>
public sealed partial class ConsumerGroup
{
    /// <summary>Redis' SCG_INVALID_ENTRIES_READ.</summary>
    public const long UnknownEntriesRead = -1;

    private readonly SortedSet<StreamEntryId> _pelOrder = [];
    private readonly Dictionary<StreamEntryId, PendingEntry> _pel = [];
    private readonly SortedDictionary<string, GroupConsumer> _consumers = new(StringComparer.Ordinal);
    private readonly List<ConsumerGroupMutation> _mutations = [];

    private ConsumerGroup(string name) => Name = name;

    public string Name { get; }

    public StreamEntryId LastDeliveredId { get; private set; }

    /// <summary>The group's logical read counter, or <see cref="UnknownEntriesRead"/>.</summary>
    public long EntriesRead { get; private set; } = UnknownEntriesRead;

    public int PendingCount => _pel.Count;

    public IEnumerable<PendingEntry> Pending => _pelOrder.Select(id => _pel[id]);

    public IReadOnlyCollection<GroupConsumer> Consumers => _consumers.Values;

    /// <summary>Whether changes are collected in <see cref="DrainMutations"/> (off while replaying).</summary>
    public bool RecordMutations { get; set; } = true;

    /// <summary>XGROUP CREATE: a group at <paramref name="lastId"/> (the caller resolves <c>$</c> to the stream's last ID).</summary>
    public static ConsumerGroup Create(string name, StreamEntryId lastId, long entriesRead = UnknownEntriesRead)
    {
        var group = new ConsumerGroup(name);
        group.Record(new ConsumerGroupMutation.Cursor(lastId, entriesRead));
        return group;
    }

    /// <summary>An empty group to replay a journal onto (the journal starts with the creating <see cref="ConsumerGroupMutation.Cursor"/>).</summary>
    public static ConsumerGroup ForReplay(string name) => new(name) { RecordMutations = false };

    public GroupConsumer? FindConsumer(string name) => _consumers.GetValueOrDefault(name);

    public PendingEntry? FindPending(StreamEntryId id) => _pel.GetValueOrDefault(id);

    public List<ConsumerGroupMutation> DrainMutations()
    {
        var copy = new List<ConsumerGroupMutation>(_mutations);
        _mutations.Clear();
        return copy;
    }

    /// <summary>XGROUP SETID.</summary>
    public void SetId(StreamEntryId lastId, long entriesRead = UnknownEntriesRead) =>
        Record(new ConsumerGroupMutation.Cursor(lastId, entriesRead));

    /// <summary>XGROUP CREATECONSUMER: true when the consumer was created.</summary>
    public bool CreateConsumer(string consumer, long nowMs)
    {
        if (_consumers.ContainsKey(consumer))
        {
            return false;
        }
        Record(new ConsumerGroupMutation.ConsumerCreated(consumer, nowMs));
        return true;
    }

    /// <summary>XGROUP DELCONSUMER: the number of pending entries the consumer had (dropped from the PEL), 0 when unknown.</summary>
    public long DeleteConsumer(string consumer)
    {
        if (!_consumers.TryGetValue(consumer, out var c))
        {
            return 0;
        }
        long dropped = c.Pending.Count;
        Record(new ConsumerGroupMutation.ConsumerDeleted(consumer));
        return dropped;
    }

    /// <summary>XACK: the number of IDs that were pending and are now acknowledged.</summary>
    public long Ack(IEnumerable<StreamEntryId> ids)
    {
        long acked = 0;
        foreach (var id in ids)
        {
            if (_pel.ContainsKey(id))
            {
                Record(new ConsumerGroupMutation.Acked(id));
                acked++;
            }
        }
        return acked;
    }

    /// <summary>Replays one journaled change.</summary>
    public void Apply(ConsumerGroupMutation mutation)
    {
        switch (mutation)
        {
            case ConsumerGroupMutation.Cursor c:
                LastDeliveredId = c.LastId;
                EntriesRead = c.EntriesRead;
                break;
            case ConsumerGroupMutation.ConsumerCreated c:
                _consumers[c.Name] = new GroupConsumer(c.Name, c.NowMs, c.NowMs);
                break;
            case ConsumerGroupMutation.ConsumerDeleted d:
                if (_consumers.Remove(d.Name, out var gone))
                {
                    foreach (var id in gone.Pending)
                    {
                        _pel.Remove(id);
                        _pelOrder.Remove(id);
                    }
                }
                break;
            case ConsumerGroupMutation.ConsumerSeen s:
                var seen = _consumers[s.Name];
                seen.SeenTimeMs = s.NowMs;
                if (s.Active)
                {
                    seen.ActiveTimeMs = s.NowMs;
                }
                break;
            case ConsumerGroupMutation.Delivered d:
                if (_pel.TryGetValue(d.Id, out var old))
                {
                    _consumers[old.Consumer].Pending.Remove(d.Id);
                }
                else
                {
                    _pelOrder.Add(d.Id);
                }
                _pel[d.Id] = new PendingEntry(d.Id, d.Consumer, d.TimeMs, d.Count);
                _consumers[d.Consumer].Pending.Add(d.Id);
                break;
            case ConsumerGroupMutation.Acked a:
                if (_pel.Remove(a.Id, out var acked))
                {
                    _pelOrder.Remove(a.Id);
                    _consumers[acked.Consumer].Pending.Remove(a.Id);
                }
                break;
            case ConsumerGroupMutation.DeadLetterPolicySet p:
                MaxDeliveries = p.MaxDeliveries;
                DeadLetterStream = p.Stream;
                break;
            case ConsumerGroupMutation.DeadLettered d:
                DeadLetteredCount += d.Count;
                break;
        }
    }

    private void Record(ConsumerGroupMutation mutation)
    {
        Apply(mutation);
        if (RecordMutations)
        {
            _mutations.Add(mutation);
        }
    }

    /// <summary>Looks a consumer up as Redis' XREADGROUP / XAUTOCLAIM do: created when missing, seen now.</summary>
    private GroupConsumer Touch(string consumer, long nowMs, bool active)
    {
        if (!_consumers.ContainsKey(consumer))
        {
            Record(new ConsumerGroupMutation.ConsumerCreated(consumer, nowMs));
        }
        Record(new ConsumerGroupMutation.ConsumerSeen(consumer, nowMs, active));
        return _consumers[consumer];
    }
}
