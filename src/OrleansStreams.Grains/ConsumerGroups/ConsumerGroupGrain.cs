using System.Text;
using OrleansStreams.Grains;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using OrleansStreams.Storage;
using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>
/// One consumer group: owns a <see cref="ConsumerGroup"/>, journals its changes, and pulls what it
/// needs from its stream partition (entries, counters, and whether the stream still lists the group —
/// a deleted stream or destroyed group wipes the state here). Not reentrant: one command at a time,
/// so deliveries on <c>&gt;</c> never overlap and each entry goes to exactly one consumer.
/// </summary>
public sealed partial class ConsumerGroupGrain(ILogStore store, TimeProvider time) : Grain, IConsumerGroupGrain
{
    private ConsumerGroup? _group;
    private string _streamKey = "";
    private string _name = "";
    private byte[] _streamName = [];
    private int _db;
    private GroupPull? _batchState;
    private JournaledState _journal = null!;

    private string Id => "group/" + this.GetPrimaryKeyString();

    private IStreamPartitionGrain Stream => GrainFactory.GetGrain<IStreamPartitionGrain>(_streamKey);

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_streamKey, _name) = GrainKeys.ParseGroup(this.GetPrimaryKeyString());
        (_db, _, _streamName) = GrainKeys.ParseStream(_streamKey);
        _journal = NewJournal();
        await LoadAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!store.IsDurable && _group is not null)
        {
            await Checkpoint();
        }
        await _journal.CloseAsync();
    }

    public async Task<Reply> Execute(Immutable<byte[][]> args)
    {
        var a = args.Value;
        var reply = ArgParser.Is(a[0], "XINFO") ? await Consumers()
            : ArgParser.Is(a[0], "XGROUP") && ArgParser.Is(a[1], "SETDEADLETTER") ? await SetDeadLetter(a)
            : await Run(ConsumerGroupCommandParser.Parse(a));
        await Commit();
        return reply;
    }

    public async Task<Reply[]> ExecuteBatch(Immutable<byte[][][]> commands)
    {
        var batch = commands.Value;
        var replies = new Reply[batch.Length];
        // None of these commands changes the stream, so one look at it serves the whole batch.
        _batchState = await Stream.GetGroups();
        try
        {
            for (var i = 0; i < batch.Length; i++)
            {
                replies[i] = await Run(ConsumerGroupCommandParser.Parse(batch[i]));
            }
        }
        finally
        {
            _batchState = null;
        }
        await Commit();
        return replies;
    }

    public async Task<GroupReadResult> Read(string consumer, bool isNew, StreamEntryId id, long count, bool noAck)
    {
        var now = Now;
        GroupPull pull;
        if (isNew)
        {
            pull = await Stream.PullAfter(_name, _group?.LastDeliveredId ?? default, count);
            if (Missing(pull) is { } missing)
            {
                return new GroupReadResult(null, missing == RedisErrors.WrongType ? missing : RedisErrors.NoKeyOrGroupReadGroup(KeyText, _name));
            }
            var stats = Stats(pull);
            var delivered = _group!.ReadNew(consumer, pull.Entries.OfType<StreamEntry>().ToList(), count, noAck, stats, now);
            await Commit();
            return new GroupReadResult(delivered.Count == 0 ? null : StreamCommandExecutor.Entries(delivered), null);
        }
        // History is read after the given ID (Redis increments it before scanning the consumer's PEL).
        var start = id.Next() ?? StreamEntryId.Max;
        var ids = id == StreamEntryId.Max ? [] : _group?.PendingIdsOf(consumer, start, count) ?? [];
        pull = await Stream.PullIds(_name, [.. ids]);
        if (Missing(pull) is { } gone)
        {
            return new GroupReadResult(null, gone == RedisErrors.WrongType ? gone : RedisErrors.NoKeyOrGroupReadGroup(KeyText, _name));
        }
        var history = id == StreamEntryId.Max ? [] : _group!.ReadHistory(consumer, start, count, Lookup(ids, pull), now);
        await DeadLetter(Lookup(ids, pull));
        await Commit();
        return new GroupReadResult(ConsumerGroupReplies.History(history), null);
    }

    public async Task<Reply?> Info()
    {
        var pull = await Stream.GetGroups();
        if (Missing(pull with { GroupExists = pull.Groups.Contains(_name) }) is not null)
        {
            return null;
        }
        return ConsumerGroupReplies.GroupInfo(_group!, Stats(pull), Now);
    }

    public Task<byte[]?> ExportState() => Task.FromResult(_group?.EncodeSnapshot(0));

    public async Task ImportState(byte[] state)
    {
        _group = ConsumerGroup.DecodeSnapshot(state, out _);
        _group.RecordMutations = store.IsDurable;
        await Checkpoint();
    }

    public async Task<long[]?> Health()
    {
        var pull = await Stream.GetGroups();
        if (Missing(pull with { GroupExists = pull.Groups.Contains(_name) }) is not null)
        {
            return null;
        }
        return [_group!.PendingCount, _group.OldestPendingIdleMs(Now), _group.Consumers.Count, _group.DeadLetteredCount];
    }

    public async Task<Reply?> FullInfo(long count)
    {
        var pull = await Stream.GetGroups();
        if (Missing(pull with { GroupExists = pull.Groups.Contains(_name) }) is not null)
        {
            return null;
        }
        return ConsumerGroupReplies.FullInfo(_group!, Stats(pull), count);
    }

    private string KeyText => Encoding.UTF8.GetString(_streamName);

    private static StreamStats Stats(GroupPull pull) =>
        new(pull.Counters.EntriesAdded, pull.Counters.Length, pull.Counters.FirstId, pull.Counters.LastId, pull.Counters.MaxDeletedId);

    private static Func<StreamEntryId, StreamEntry?> Lookup(IReadOnlyList<StreamEntryId> ids, GroupPull pull)
    {
        var map = new Dictionary<StreamEntryId, StreamEntry?>();
        for (var i = 0; i < ids.Count; i++)
        {
            map[ids[i]] = pull.Entries[i];
        }
        return id => map.GetValueOrDefault(id);
    }

    /// <summary>
    /// Null when the stream lists this group and the state is here; else the reason (WRONGTYPE, or a
    /// missing key or group) — and a group the stream no longer lists loses its state.
    /// </summary>
    private string? Missing(GroupPull pull)
    {
        if (pull.Error is not null)
        {
            return pull.Error;
        }
        if (!pull.StreamExists || !pull.GroupExists)
        {
            Forget();
            return pull.StreamExists ? "nogroup" : "nokey";
        }
        // Listed by the stream but never initialised here (a crash between the two writes of CREATE is the only way): start empty.
        _group ??= ConsumerGroup.Create(_name, default);
        return null;
    }
}
