using OrleansStreams.Grains;
using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

public sealed partial class ConsumerGroupGrain
{
    /// <summary>One operation, with Redis' order of checks: the key, then the group.</summary>
    private async Task<ConsumerGroupResult> Run(ConsumerGroupOperation operation)
    {
        switch (operation)
        {
            case ConsumerGroupOperation.Create create:
                return await Create(create);
            case ConsumerGroupOperation.Destroy:
                return await Destroy();
        }
        var now = Now;
        var state = _batchState ?? await Stream.GetGroups();
        var missing = Missing(state with { GroupExists = state.Groups.Contains(_name) });
        if (missing != StreamError.None)
        {
            // Acknowledging in a group that is not there acknowledges nothing (Redis answers 0).
            return operation is ConsumerGroupOperation.Acknowledge && missing != StreamError.WrongType
                ? new ConsumerGroupResult.Counted(0)
                : new ConsumerGroupResult.Failed(missing);
        }
        var group = _group!;
        switch (operation)
        {
            case ConsumerGroupOperation.Check:
                return ConsumerGroupResult.Ok;
            case ConsumerGroupOperation.SetId set:
                group.SetId(set.Start.FromEnd ? state.Counters.LastId : set.Start.Id, set.EntriesRead);
                return ConsumerGroupResult.Ok;
            case ConsumerGroupOperation.CreateConsumer cc:
                return new ConsumerGroupResult.Counted(group.CreateConsumer(ConsumerGroup.NameText(cc.Consumer), now) ? 1 : 0);
            case ConsumerGroupOperation.DeleteConsumer dc:
                return new ConsumerGroupResult.Counted(group.DeleteConsumer(ConsumerGroup.NameText(dc.Consumer)));
            case ConsumerGroupOperation.Acknowledge ack:
                return new ConsumerGroupResult.Counted(group.Ack(ack.Ids));
            case ConsumerGroupOperation.PendingSummary:
                return group.SummaryResult();
            case ConsumerGroupOperation.PendingRange range:
                return group.PendingRangeResult(range, now);
            case ConsumerGroupOperation.Claim claim:
                {
                    var pull = await Stream.PullIds(_name, claim.Ids);
                    var lookup = Lookup(claim.Ids, pull);
                    var claimed = group.Claim(ConsumerGroup.NameText(claim.Consumer), claim.Ids, claim.Options, id => lookup(id) is not null, now);
                    await DeadLetter(lookup);
                    return new ConsumerGroupResult.Claimed([.. claimed.Select(id => Delivery(id, claim.Options.JustId, lookup))]);
                }
            case ConsumerGroupOperation.AutoClaim auto:
                {
                    var candidates = group.AutoClaimCandidates(auto.Start, auto.Count);
                    var pull = await Stream.PullIds(_name, [.. candidates]);
                    var lookup = Lookup(candidates, pull);
                    var result = group.AutoClaim(ConsumerGroup.NameText(auto.Consumer), auto.MinIdleMs, auto.Start, auto.Count, auto.JustId, id => lookup(id) is not null, now);
                    await DeadLetter(lookup);
                    return new ConsumerGroupResult.AutoClaimed(result.Next, [.. result.Claimed.Select(id => Delivery(id, auto.JustId, lookup))], [.. result.Deleted]);
                }
            case ConsumerGroupOperation.SetDeadLetter policy:
                group.SetDeadLetterPolicy(policy.MaxDeliveries, policy.MaxDeliveries == 0 || policy.Stream is null ? null : ConsumerGroup.NameText(policy.Stream));
                return ConsumerGroupResult.Ok;
            case ConsumerGroupOperation.ListConsumers:
                return new ConsumerGroupResult.ConsumerList(group.DescribeConsumers(now));
            default:
                throw new ArgumentException($"Unknown consumer group operation {operation.GetType().Name}.", nameof(operation));
        }
    }

    private static GroupEntry Delivery(StreamEntryId id, bool justId, Func<StreamEntryId, StreamEntry?> lookup) =>
        new(id, justId ? null : lookup(id)?.Fields);

    private async Task<ConsumerGroupResult> Destroy()
    {
        var pull = await Stream.GetGroups();
        if (pull.Error != StreamError.None || !pull.StreamExists)
        {
            return new ConsumerGroupResult.Failed(pull.Error != StreamError.None ? pull.Error : StreamError.NoSuchKey);
        }
        var existed = await Stream.DestroyGroup(_name);
        Forget();
        return new ConsumerGroupResult.Counted(existed ? 1 : 0);
    }

    /// <summary>
    /// XGROUP CREATE: the group's state is made durable first, then the stream lists it — a crash in
    /// between leaves a group the stream does not list, which the next access forgets.
    /// </summary>
    private async Task<ConsumerGroupResult> Create(ConsumerGroupOperation.Create create)
    {
        var state = await Stream.GetGroups();
        if (state.Error != StreamError.None)
        {
            return new ConsumerGroupResult.Failed(state.Error);
        }
        if (!state.StreamExists && !create.MakeStream)
        {
            return new ConsumerGroupResult.Failed(StreamError.NoSuchKey);
        }
        if (state.Groups.Contains(_name))
        {
            return new ConsumerGroupResult.Failed(StreamError.GroupExists);
        }
        _group = ConsumerGroup.Create(_name, create.Start.FromEnd ? state.Counters.LastId : create.Start.Id, create.EntriesRead);
        _group.RecordMutations = store.IsDurable;
        await Checkpoint();
        var registered = await Stream.CreateGroup(_name, create.MakeStream);
        if (registered.Error != StreamError.None)
        {
            Forget();
            return new ConsumerGroupResult.Failed(registered.Error);
        }
        return ConsumerGroupResult.Ok;
    }

    /// <summary>Moves entries delivered more often than the policy allows to the dead-letter stream, with their origin.</summary>
    private async Task DeadLetter(Func<StreamEntryId, StreamEntry?> lookup)
    {
        if (_group is not { DeadLetterStream: { } target })
        {
            return;
        }
        var dead = _group.DeadLetter();
        if (dead.Count == 0)
        {
            return;
        }
        var appends = dead.Select(p =>
        {
            var fields = new List<byte[]>
            {
                "origin-stream"u8.ToArray(), _streamName,
                "origin-group"u8.ToArray(), ConsumerGroup.NameBytes(_name),
                "origin-id"u8.ToArray(), p.Id.ToUtf8(),
                "delivery-count"u8.ToArray(), System.Text.Encoding.ASCII.GetBytes(p.DeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            if (lookup(p.Id) is { } entry)
            {
                fields.AddRange(entry.Fields);
            }
            return (StreamOperation)StreamOperation.Append.Auto([.. fields]);
        }).ToArray();
        var dlq = GrainFactory.GetGrain<IStreamPartitionGrain>(GrainKeys.Stream(_db, ConsumerGroup.NameBytes(target)));
        await dlq.Execute(new Immutable<StreamOperation[]>(appends));
    }
}
