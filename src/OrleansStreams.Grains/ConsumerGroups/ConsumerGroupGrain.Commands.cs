using System.Text;
using OrleansStreams.Grains;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

public sealed partial class ConsumerGroupGrain
{
    /// <summary>The commands of one group, with Redis' order of checks: key, group, then the argument errors it defers.</summary>
    private async Task<Reply> Run(ConsumerGroupCommand command)
    {
        var now = Now;
        switch (command)
        {
            case ConsumerGroupCommand.Invalid invalid:
                return Reply.Error(invalid.Error);
            case ConsumerGroupCommand.Help:
                return ConsumerGroupReplies.Help;
            case ConsumerGroupCommand.Create create:
                return await Create(create);
            case ConsumerGroupCommand.Destroy:
                {
                    var pull = await Stream.GetGroups();
                    if (pull.Error is not null || !pull.StreamExists)
                    {
                        return Reply.Error(pull.Error ?? RedisErrors.GroupKeyMissing);
                    }
                    var existed = await Stream.DestroyGroup(_name);
                    Forget();
                    return Reply.Integer(existed ? 1 : 0);
                }
        }
        var state = _batchState ?? await Stream.GetGroups();
        var missing = Missing(state with { GroupExists = state.Groups.Contains(_name) });
        switch (command)
        {
            case ConsumerGroupCommand.SetId set:
                if (missing is not null)
                {
                    return Reply.Error(missing == "nokey" ? RedisErrors.GroupKeyMissing : missing == "nogroup" ? RedisErrors.NoGroup(_name, KeyText) : missing);
                }
                if (set.IdError is not null)
                {
                    return Reply.Error(set.IdError);
                }
                _group!.SetId(set.Dollar ? state.Counters.LastId : set.Id, set.EntriesRead);
                return Reply.Ok;
            case ConsumerGroupCommand.CreateConsumer cc:
                return missing is not null ? GroupError(missing, xgroup: true) : Reply.Integer(_group!.CreateConsumer(cc.Consumer, now) ? 1 : 0);
            case ConsumerGroupCommand.DeleteConsumer dc:
                return missing is not null ? GroupError(missing, xgroup: true) : Reply.Integer(_group!.DeleteConsumer(dc.Consumer));
            case ConsumerGroupCommand.Ack ack:
                if (missing is not null)
                {
                    return missing == RedisErrors.WrongType ? Reply.Error(missing) : Reply.Zero;
                }
                return ack.Ids is null ? Reply.Error(RedisErrors.StreamInvalidId) : Reply.Integer(_group!.Ack(ack.Ids));
            case ConsumerGroupCommand.PendingSummary:
                return missing is not null ? GroupError(missing, xgroup: false) : ConsumerGroupReplies.PendingSummary(_group!.Summary());
            case ConsumerGroupCommand.PendingRange range:
                return missing is not null ? GroupError(missing, xgroup: false)
                    : ConsumerGroupReplies.PendingRange(_group!.PendingRange(range.Start, range.End, range.Count, range.Consumer, range.MinIdleMs, now), now);
            case ConsumerGroupCommand.InvalidAfterGroupCheck late:
                return missing is not null ? GroupError(missing, xgroup: false) : Reply.Error(late.Error);
            case ConsumerGroupCommand.Claim claim:
                {
                    if (missing is not null)
                    {
                        return GroupError(missing, xgroup: false);
                    }
                    var pull = await Stream.PullIds(_name, claim.Ids);
                    var lookup = Lookup(claim.Ids, pull);
                    var claimed = _group!.Claim(claim.Consumer, claim.Ids, claim.Options, id => lookup(id) is not null, now);
                    var reply = ConsumerGroupReplies.Claimed(claimed, claim.Options.JustId, lookup);
                    await DeadLetter(lookup);
                    return reply;
                }
            case ConsumerGroupCommand.AutoClaim auto:
                {
                    if (missing is not null)
                    {
                        return GroupError(missing, xgroup: false);
                    }
                    var candidates = _group!.AutoClaimCandidates(auto.Start, auto.Count);
                    var pull = await Stream.PullIds(_name, [.. candidates]);
                    var lookup = Lookup(candidates, pull);
                    var result = _group.AutoClaim(auto.Consumer, auto.MinIdleMs, auto.Start, auto.Count, auto.JustId, id => lookup(id) is not null, now);
                    var reply = ConsumerGroupReplies.AutoClaimed(result, auto.JustId, lookup);
                    await DeadLetter(lookup);
                    return reply;
                }
            default:
                return Reply.Error(RedisErrors.Syntax);
        }
    }

    private Reply GroupError(string missing, bool xgroup) => missing switch
    {
        "nokey" when xgroup => Reply.Error(RedisErrors.GroupKeyMissing),
        "nogroup" when xgroup => Reply.Error(RedisErrors.NoGroup(_name, KeyText)),
        "nokey" or "nogroup" => Reply.Error(RedisErrors.NoKeyOrGroup(KeyText, _name)),
        _ => Reply.Error(missing),
    };

    /// <summary>
    /// XGROUP CREATE: the group's state is made durable first, then the stream lists it — a crash in
    /// between leaves a group the stream does not list, which the next access forgets.
    /// </summary>
    private async Task<Reply> Create(ConsumerGroupCommand.Create create)
    {
        var state = await Stream.GetGroups();
        if (state.Error is not null)
        {
            return Reply.Error(state.Error);
        }
        if (!state.StreamExists && !create.MkStream)
        {
            return Reply.Error(RedisErrors.GroupKeyMissing);
        }
        if (create.IdError is not null)
        {
            return Reply.Error(create.IdError);
        }
        if (state.Groups.Contains(_name))
        {
            return Reply.Error(RedisErrors.GroupBusy);
        }
        _group = ConsumerGroup.Create(_name, create.Dollar ? state.Counters.LastId : create.Id, create.EntriesRead);
        _group.RecordMutations = store.IsDurable;
        await Checkpoint();
        var registered = await Stream.CreateGroup(_name, create.MkStream);
        if (registered.Error is not null)
        {
            Forget();
            return Reply.Error(registered.Error);
        }
        return Reply.Ok;
    }

    /// <summary>XGROUP SETDEADLETTER key group max-deliveries dead-letter-stream (0 removes the policy): this server's own.</summary>
    private async Task<Reply> SetDeadLetter(byte[][] args)
    {
        if (args.Length != 6)
        {
            return Reply.Error(RedisErrors.WrongArity("xgroup|setdeadletter"));
        }
        var state = await Stream.GetGroups();
        if (Missing(state with { GroupExists = state.Groups.Contains(_name) }) is { } missing)
        {
            return GroupError(missing, xgroup: true);
        }
        if (!ArgParser.TryParseInt64(args[4], out var max) || max < 0)
        {
            return Reply.Error(RedisErrors.NotInteger);
        }
        _group!.SetDeadLetterPolicy(max, max == 0 ? null : Encoding.Latin1.GetString(args[5]));
        return Reply.Ok;
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
        var commands = dead.Select(p =>
        {
            var fields = new List<byte[]>
            {
                "XADD"u8.ToArray(), Encoding.Latin1.GetBytes(target), "*"u8.ToArray(),
                "origin-stream"u8.ToArray(), _streamName,
                "origin-group"u8.ToArray(), Encoding.UTF8.GetBytes(_name),
                "origin-id"u8.ToArray(), p.Id.ToUtf8(),
                "delivery-count"u8.ToArray(), Encoding.ASCII.GetBytes(p.DeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            if (lookup(p.Id) is { } entry)
            {
                fields.AddRange(entry.Fields);
            }
            return fields.ToArray();
        }).ToArray();
        var dlq = GrainFactory.GetGrain<IStreamPartitionGrain>(GrainKeys.Stream(_db, Encoding.Latin1.GetBytes(target)));
        await dlq.Execute(new Immutable<byte[][][]>(commands));
    }

    private async Task<Reply> Consumers()
    {
        var state = await Stream.GetGroups();
        if (Missing(state with { GroupExists = state.Groups.Contains(_name) }) is { } missing)
        {
            return missing switch
            {
                "nokey" => Reply.Error(RedisErrors.NoSuchKey),
                "nogroup" => Reply.Error(RedisErrors.NoGroup(_name, KeyText)),
                _ => Reply.Error(missing),
            };
        }
        var now = Now;
        return Reply.Array(_group!.Consumers.Select(c => ConsumerGroupReplies.ConsumerInfo(c, now)));
    }
}
