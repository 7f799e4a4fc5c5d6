using OrleansStreams.Cluster;
using OrleansStreams.Grains;
using OrleansStreams.Storage;
using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>
/// One consumer group: owns a <see cref="ConsumerGroup"/>, journals its changes, and pulls what it
/// needs from its stream partition (entries, counters, and whether the stream still lists the group —
/// a deleted stream or destroyed group wipes the state here). One command at a time, so deliveries on
/// <c>&gt;</c> never overlap and each entry goes to exactly one consumer; but a command waits for its
/// journal record to be durable after letting the next one in (reentrant, with a gate around the
/// command itself), so reads and acknowledgements of many clients share one fsync (group commit).
/// </summary>
[Reentrant]
[SlotPlacement]
public sealed partial class ConsumerGroupGrain(ILogStore store, TimeProvider time) : Grain, IConsumerGroupGrain
{
    private ConsumerGroup? _group;
    private string _streamKey = "";
    private string _name = "";
    private byte[] _streamName = [];
    private int _db;
    private GroupPull? _batchState;
    private GroupPull? _lastLook;
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

    /// <summary>Completes when the command running now (and every one queued before it) is done: the gate.</summary>
    private Task _gate = Task.CompletedTask;

    /// <summary>What the command running now must wait for before replying: its journal record being durable.</summary>
    private Task? _flush;

    /// <summary>Runs <paramref name="command"/> alone; then, with the gate open for the next, waits until its changes are durable.</summary>
    private async Task<T> OneAtATime<T>(Func<Task<T>> command)
    {
        // The grain's turns run one at a time, so taking the place in the queue needs no lock.
        var previous = _gate;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = done.Task;
        await previous;
        Task flush;
        T result;
        try
        {
            _flush = null;
            result = await command();
            flush = _flush ?? Task.CompletedTask;
        }
        finally
        {
            _flush = null;
            done.SetResult();
        }
        await flush;
        return result;
    }

    private async Task OneAtATime(Func<Task> command) => await OneAtATime(async () =>
    {
        await command();
        return true;
    });

    public Task<ConsumerGroupResult[]> Execute(Immutable<ConsumerGroupOperation[]> operations) => OneAtATime(() => ExecuteAlone(operations));

    public async Task<GroupReadResult> Read(byte[] consumerName, bool isNew, StreamEntryId id, long count, bool noAck) =>
        isNew ? (await ReadNewBatch([new NewRead(ConsumerGroup.NameText(consumerName), count, noAck)]))[0]
              : await OneAtATime(() => ReadHistory(consumerName, id, count));

    public Task<GroupReadResult[]> ReadNew(Immutable<GroupNewRead[]> reads) =>
        ReadNewBatch([.. reads.Value.Select(r => new NewRead(ConsumerGroup.NameText(r.Consumer), r.Count, r.NoAck))]);

    public Task<ConsumerGroupInfo?> Info() => OneAtATime(async () => await Existing() ? _group!.Describe(Stats(_lastLook!), Now) : null);

    public Task<byte[]?> ExportState() => OneAtATime(() => Task.FromResult(_group?.EncodeSnapshot(0)));

    public Task ImportState(byte[] state) => OneAtATime(async () =>
    {
        _group = ConsumerGroup.DecodeSnapshot(state, out _);
        _group.RecordMutations = store.IsDurable;
        await Checkpoint();
    });

    public Task<GroupHealth?> Health() => OneAtATime(async () => await Existing() ? _group!.Health(Now) : null);

    public Task<ConsumerGroupFullInfo?> FullInfo(long count) => OneAtATime(async () => await Existing() ? _group!.DescribeFull(Stats(_lastLook!), count) : null);

    private async Task<ConsumerGroupResult[]> ExecuteAlone(Immutable<ConsumerGroupOperation[]> operations)
    {
        var batch = operations.Value;
        var results = new ConsumerGroupResult[batch.Length];
        // Only create and destroy change the stream, and they look at it themselves; one look serves the rest.
        _batchState = batch.Any(o => o is ConsumerGroupOperation.Create or ConsumerGroupOperation.Destroy) ? null : await Stream.GetGroups();
        try
        {
            for (var i = 0; i < batch.Length; i++)
            {
                results[i] = await Run(batch[i]);
            }
        }
        finally
        {
            _batchState = null;
        }
        await Commit();
        return results;
    }

    /// <summary>Reads of new entries ('&gt;') that arrived while the gate was busy, served together in arrival order.</summary>
    private List<NewRead>? _waitingReads;

    /// <summary>One XREADGROUP '&gt;' of one consumer; <see cref="Done"/> completes once its changes are durable.</summary>
    private sealed record NewRead(string Consumer, long Count, bool NoAck)
    {
        public TaskCompletionSource<GroupReadResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Queues <paramref name="reads"/> behind the reads already waiting for the gate (or starts a new
    /// waiting batch): all of them are then served as one command — one pull from the stream for all
    /// (their counts added up), each read taking its entries after the ones the reads before it took,
    /// exactly as if they had run one after another, and one journal record and fsync for all. Reads from
    /// many clients at once cost one stream call instead of one each.
    /// </summary>
    private async Task<GroupReadResult[]> ReadNewBatch(NewRead[] reads)
    {
        if (_waitingReads is { } waiting)
        {
            waiting.AddRange(reads);
        }
        else
        {
            _waitingReads = [.. reads];
            _ = ServeWaitingReads();
        }
        return await Task.WhenAll(reads.Select(r => r.Done.Task));
    }

    /// <summary>Takes the waiting reads when the gate opens, serves them, and answers each once durable.</summary>
    private async Task ServeWaitingReads()
    {
        List<NewRead> batch = [];
        try
        {
            var results = await OneAtATime(async () =>
            {
                batch = _waitingReads!;
                _waitingReads = null;
                return await ServeReads(batch);
            });
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var read in batch)
            {
                read.Done.TrySetException(ex);
            }
        }
    }

    private async Task<GroupReadResult[]> ServeReads(List<NewRead> batch)
    {
        var now = Now;
        // COUNT 0 (or none) takes everything; otherwise the reads' counts together (saturating).
        long total = 0;
        foreach (var read in batch)
        {
            total = read.Count <= 0 || total < 0 ? -1 : total + Math.Min(read.Count, long.MaxValue - total);
        }
        var pull = await Stream.PullAfter(_name, _group?.LastDeliveredId ?? default, Math.Max(total, 0));
        var results = new GroupReadResult[batch.Count];
        if (Missing(pull) is var missing && missing != StreamError.None)
        {
            Array.Fill(results, new GroupReadResult(null, missing));
            return results;
        }
        var stats = Stats(pull);
        var entries = pull.Entries.OfType<StreamEntry>().ToArray();
        var taken = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var read = batch[i];
            var delivered = _group!.ReadNew(read.Consumer, new ArraySegment<StreamEntry>(entries, taken, entries.Length - taken), read.Count, read.NoAck, stats, now);
            taken += delivered.Count;
            results[i] = new GroupReadResult(delivered.Count == 0 ? null : [.. delivered.Select(e => new GroupEntry(e.Id, e.Fields))]);
        }
        await Commit();
        return results;
    }

    private async Task<GroupReadResult> ReadHistory(byte[] consumerName, StreamEntryId id, long count)
    {
        var now = Now;
        var consumer = ConsumerGroup.NameText(consumerName);
        GroupPull pull;
        // History is read after the given ID (Redis increments it before scanning the consumer's PEL).
        var start = id.Next() ?? StreamEntryId.Max;
        var ids = id == StreamEntryId.Max ? [] : _group?.PendingIdsOf(consumer, start, count) ?? [];
        pull = await Stream.PullIds(_name, [.. ids]);
        if (Missing(pull) is var gone && gone != StreamError.None)
        {
            return new GroupReadResult(null, gone);
        }
        var history = id == StreamEntryId.Max ? [] : _group!.ReadHistory(consumer, start, count, Lookup(ids, pull), now);
        await DeadLetter(Lookup(ids, pull));
        await Commit();
        return new GroupReadResult([.. history.Select(h => new GroupEntry(h.Id, h.Entry?.Fields))]);
    }

    /// <summary>Whether the stream lists this group (and its state is here); the look is kept in <see cref="_lastLook"/>.</summary>
    private async Task<bool> Existing()
    {
        var pull = await Stream.GetGroups();
        _lastLook = pull;
        return Missing(pull with { GroupExists = pull.Groups.Contains(_name) }) == StreamError.None;
    }

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
    /// None when the stream lists this group and the state is here; else the reason (WrongType, or a
    /// missing key or group) — and a group the stream no longer lists loses its state.
    /// </summary>
    private StreamError Missing(GroupPull pull)
    {
        if (pull.Error != StreamError.None)
        {
            return pull.Error;
        }
        if (!pull.StreamExists || !pull.GroupExists)
        {
            Forget();
            return pull.StreamExists ? StreamError.NoSuchGroup : StreamError.NoSuchKey;
        }
        // Listed by the stream but never initialised here (a crash between the two writes of CREATE is the only way): start empty.
        _group ??= ConsumerGroup.Create(_name, default);
        return StreamError.None;
    }
}
