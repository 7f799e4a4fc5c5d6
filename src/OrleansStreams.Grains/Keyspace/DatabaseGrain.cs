using OrleansStreams.Grains;
using OrleansStreams.Keyspace;
using Orleans.Serialization;
using OrleansStreams.Storage;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Rdb;

namespace OrleansStreams.Keyspace;

/// <summary>
/// One database's keyspace: owns a <see cref="KeyspaceDatabase"/> (the key directory with types and
/// TTLs, and the values of strings, hashes, lists and sets), journals every write with group commit,
/// expires keys on a timer, and deletes or moves stream data when a stream key goes or is renamed.
/// </summary>
[Reentrant]
public sealed partial class DatabaseGrain(ILogStore store, TimeProvider time, Serializer serializer) : Grain, IDatabaseGrain
{
    private const int JournalRecordsPerSnapshot = 1000;

    private KeyspaceDatabase _db = new();
    private JournaledState _journal = null!;
    private IGrainTimer? _expiryTimer;
    private Task _effectsTail = Task.CompletedTask;

    private string Id => $"db/{this.GetPrimaryKeyLong()}";

    private int DbNumber => (int)this.GetPrimaryKeyLong();

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = NewJournal();
        await LoadAsync();
        ScheduleExpiry();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!store.IsDurable)
        {
            await _journal.CheckpointAsync();
        }
        await _journal.CloseAsync();
    }

    public async Task<KeyspaceResult[]> Execute(Immutable<KeyspaceOperation[]> operations)
    {
        var batch = operations.Value;
        var results = new KeyspaceResult[batch.Length];
        var now = Now;
        for (var i = 0; i < batch.Length; i++)
        {
            var operation = batch[i];
            results[i] = _db.Execute(operation, now);
            if (results[i] is not KeyspaceResult.Failed && KeyspaceDatabase.IsWrite(operation))
            {
                JournalOperation(now, operation);
            }
        }
        await ApplyEffects();
        await _journal.Flushed;
        ScheduleExpiry();
        return results;
    }

    public async Task<bool> RegisterStream(byte[] key)
    {
        var now = Now;
        var error = _db.TryRegisterStream(key, now);
        if (error == KeyspaceError.None)
        {
            JournalRegisterStream(now, key);
        }
        await ApplyEffects();
        await _journal.Flushed;
        return error == KeyspaceError.None;
    }

    public Task<string> TypeOf(byte[] key)
    {
        var type = _db.TypeOf(key, Now);
        // Looking a key up may expire it (lazily, as Redis); an expired stream's data goes with the other
        // effects, not awaited here: stream grains ask this while a RENAME's effect may be waiting on that very
        // stream grain (a blocked reader re-reading a renamed key), and waiting would close the cycle.
        ApplyEffectsUnawaited();
        return Task.FromResult(type);
    }

    public Task<long?> ExpiryOf(byte[] key)
    {
        var expiry = _db.ExpiryOf(key, Now);
        ApplyEffectsUnawaited();
        return Task.FromResult(expiry);
    }

    public async Task<byte[]?> Dump(byte[] key)
    {
        var payload = _db.Dump(key, Now, out var isStream);
        // As in TypeOf: a lookup may expire the key, and its effect must not be awaited here.
        ApplyEffectsUnawaited();
        if (!isStream)
        {
            return payload;
        }
        if (await Stream(key).Export() is not { } snapshot)
        {
            return null;
        }
        var groups = new List<ConsumerGroup>();
        foreach (var name in snapshot.Groups)
        {
            var state = await Group(key, name).ExportState();
            groups.Add(state is null ? ConsumerGroup.Create(name, default) : ConsumerGroup.DecodeSnapshot(state, out _));
        }
        return DumpPayload.Create(RdbStreamMapping.ToRdb(snapshot, groups));
    }

    public Task<byte[][]> GetStreamKeys(int max) => Task.FromResult(_db.StreamKeys.Take(max).ToArray());

    public Task<long[]> GetKeyspaceStats() => Task.FromResult(new long[] { _db.Count, _db.ExpiresCount, 0 });

    /// <summary>Starts the effects a lookup drained (it may have expired a key) without waiting for them; their failure is observed.</summary>
    private void ApplyEffectsUnawaited() =>
        _ = ApplyEffects().ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);

    /// <summary>
    /// Deletes or moves the data of stream keys that the keyspace dropped or renamed. Effects run one
    /// batch after another, and every caller waits for all of them — also those another interleaved
    /// call (or the expiry timer) drained — so no reply claims a key is gone while its data still is.
    /// </summary>
    private Task ApplyEffects(bool afterReplay = false)
    {
        var effects = _db.DrainEffects();
        return _effectsTail = RunEffects(_effectsTail, effects, afterReplay);
    }

    private async Task RunEffects(Task previous, List<KeyspaceEffect> effects, bool afterReplay)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // The earlier batch's caller got its failure; this batch still runs.
        }
        // Blocked readers of these streams see the end state (a RENAME deletes the target, then imports), not a step.
        var hold = Guid.NewGuid();
        var touched = effects.SelectMany(e => e switch
        {
            StreamDeleted d => [d.Key],
            StreamRenamed r => new[] { r.From, r.To },
            StreamRestored r => [r.Key],
            _ => [],
        }).Select(Stream).ToArray();
        if (touched.Length > 1)
        {
            await Task.WhenAll(touched.Select(s => s.HoldWakeups(hold)));
        }
        try
        {
            await RunEffects(effects, afterReplay);
        }
        finally
        {
            if (touched.Length > 1)
            {
                await Task.WhenAll(touched.Select(s => s.ReleaseWakeups(hold)));
            }
        }
    }

    private async Task RunEffects(List<KeyspaceEffect> effects, bool afterReplay)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case StreamDeleted deleted when afterReplay && _db.TypeOf(deleted.Key, Now) == "stream":
                    break;
                case StreamDeleted deleted:
                    await Stream(deleted.Key).Delete();
                    break;
                case StreamExpiry when afterReplay:
                    // Loading, not a change: a stream grain asks for its expiry when it first needs it.
                    break;
                case StreamExpiry expiry:
                    await Stream(expiry.Key).SetExpiry(expiry.AtMs);
                    break;
                case StreamRenamed renamed:
                    var snapshot = await Stream(renamed.From).Export();
                    if (snapshot is not null)
                    {
                        // Groups first: the new stream lists them only once their state is in place.
                        foreach (var group in snapshot.Groups)
                        {
                            if (await Group(renamed.From, group).ExportState() is { } state)
                            {
                                await Group(renamed.To, group).ImportState(state);
                            }
                        }
                        await Stream(renamed.To).Import(snapshot);
                    }
                    await Stream(renamed.From).Delete();
                    break;
                case StreamRestored restored when afterReplay && !await NeedsRestore(restored, effects):
                    break;
                case StreamRestored restored:
                    // As for RENAME: the groups' state first, then the stream that lists them.
                    foreach (var (group, state) in restored.GroupStates)
                    {
                        await Group(restored.Key, group).ImportState(state);
                    }
                    await Stream(restored.Key).Import(restored.Stream);
                    break;
            }
        }
    }

    /// <summary>
    /// After a replay, a RESTORE is redone only when it is the key's last one and the stream grain holds no stream: the
    /// crash came before the import. A stream that is there may already have taken later appends, which redoing would undo.
    /// Export, unlike GetGroups, never calls back into this grain, which may still be activating (replay runs then).
    /// </summary>
    private async Task<bool> NeedsRestore(StreamRestored restored, List<KeyspaceEffect> effects) =>
        effects.LastOrDefault(e => e is StreamRestored r && ByteArrayComparer.Instance.Equals(r.Key, restored.Key)) == restored
        && _db.TypeOf(restored.Key, Now) == "stream"
        && await Stream(restored.Key).Export() is null;

    private IConsumerGroupGrain Group(byte[] streamKey, string group) =>
        GrainFactory.GetGrain<IConsumerGroupGrain>(GrainKeys.Group(GrainKeys.Stream(DbNumber, streamKey), group));

    private IStreamPartitionGrain Stream(byte[] key) => GrainFactory.GetGrain<IStreamPartitionGrain>(GrainKeys.Stream(DbNumber, key));

    private void ScheduleExpiry()
    {
        if (_db.NextExpiryMs is null)
        {
            _expiryTimer?.Dispose();
            _expiryTimer = null;
            return;
        }
        // While keys have a TTL the grain stays active, so streams expire even when nobody reads them.
        _expiryTimer ??= this.RegisterGrainTimer(ReapExpired, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromMilliseconds(100),
            Period = TimeSpan.FromMilliseconds(100),
            KeepAlive = true,
            Interleave = true,
        });
    }

    private async Task ReapExpired(CancellationToken cancellationToken)
    {
        _db.ReapExpired(Now, 1000);
        await ApplyEffects();
        ScheduleExpiry();
    }
}
