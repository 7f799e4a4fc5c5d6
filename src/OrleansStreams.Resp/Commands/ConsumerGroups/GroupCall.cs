using OrleansStreams.ConsumerGroups;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.Resp.Commands;

/// <summary>A parsed group command ready for its grain: the key and group, the typed operation, and how its result becomes Redis' reply.</summary>
public sealed record GroupCall(byte[] Key, string Group, ConsumerGroupOperation Operation, Func<ConsumerGroupResult, Reply> Format)
{
    /// <summary>
    /// The call for a parsed command; null for the commands that are not one operation (HELP, XREADGROUP, a parse error).
    /// Argument errors that Redis reports only once the key and group exist become a <see cref="ConsumerGroupOperation.Check"/>
    /// whose success answers with that error.
    /// </summary>
    public static GroupCall? For(ConsumerGroupCommand command) => command switch
    {
        ConsumerGroupCommand.Create { IdError: { } idError } c => Call(c.Key, c.Group, new ConsumerGroupOperation.Check(), (r, k, g) => r.ErrorCode switch
        {
            StreamError.WrongType => Reply.Error(RedisErrors.WrongType),
            StreamError.NoSuchKey when !c.MkStream => Reply.Error(RedisErrors.GroupKeyMissing),
            _ => Reply.Error(idError),
        }),
        ConsumerGroupCommand.Create c => XGroup(c.Key, c.Group, new ConsumerGroupOperation.Create(Start(c.Dollar, c.Id), c.MkStream, c.EntriesRead)),
        ConsumerGroupCommand.SetId { IdError: { } idError } c => Call(c.Key, c.Group, new ConsumerGroupOperation.Check(), (r, k, g) =>
            Reply.Error(r is ConsumerGroupResult.Failed f ? StreamErrorTexts.XGroup(f.Error, k, g) : idError)),
        ConsumerGroupCommand.SetId c => XGroup(c.Key, c.Group, new ConsumerGroupOperation.SetId(Start(c.Dollar, c.Id), c.EntriesRead)),
        ConsumerGroupCommand.Destroy c => XGroup(c.Key, c.Group, new ConsumerGroupOperation.Destroy()),
        ConsumerGroupCommand.CreateConsumer c => XGroup(c.Key, c.Group, new ConsumerGroupOperation.CreateConsumer(ConsumerGroup.NameBytes(c.Consumer))),
        ConsumerGroupCommand.DeleteConsumer c => XGroup(c.Key, c.Group, new ConsumerGroupOperation.DeleteConsumer(ConsumerGroup.NameBytes(c.Consumer))),
        // XACK with an invalid ID fails only when the group exists; elsewhere it acknowledges nothing.
        ConsumerGroupCommand.Ack { Ids: null } c => Call(c.Key, c.Group, new ConsumerGroupOperation.Check(), (r, _, _) => r.ErrorCode switch
        {
            StreamError.None => Reply.Error(RedisErrors.StreamInvalidId),
            StreamError.WrongType => Reply.Error(RedisErrors.WrongType),
            _ => Reply.Zero,
        }),
        ConsumerGroupCommand.Ack c => Call(c.Key, c.Group, new ConsumerGroupOperation.Acknowledge(c.Ids!), (r, _, _) => Answer(r, StreamErrorTexts.Stream)),
        ConsumerGroupCommand.PendingSummary c => Pending(c.Key, c.Group, new ConsumerGroupOperation.PendingSummary()),
        ConsumerGroupCommand.PendingRange c => Pending(c.Key, c.Group,
            new ConsumerGroupOperation.PendingRange(c.MinIdleMs, c.Start, c.End, c.Count, c.Consumer is null ? null : ConsumerGroup.NameBytes(c.Consumer))),
        ConsumerGroupCommand.Claim c => Call(c.Key, c.Group, new ConsumerGroupOperation.Claim(ConsumerGroup.NameBytes(c.Consumer), c.Ids, c.Options), (r, k, g) =>
            r is ConsumerGroupResult.Claimed claimed ? ConsumerGroupReplies.Claimed(claimed.Entries, c.Options.JustId) : Answer(r, e => StreamErrorTexts.GroupCommand(e, k, g))),
        ConsumerGroupCommand.AutoClaim c => Call(c.Key, c.Group, new ConsumerGroupOperation.AutoClaim(ConsumerGroup.NameBytes(c.Consumer), c.MinIdleMs, c.Start, c.Count, c.JustId), (r, k, g) =>
            r is ConsumerGroupResult.AutoClaimed auto ? ConsumerGroupReplies.AutoClaimed(auto, c.JustId) : Answer(r, e => StreamErrorTexts.GroupCommand(e, k, g))),
        ConsumerGroupCommand.InvalidAfterGroupCheck c => Call(c.Key, c.Group, new ConsumerGroupOperation.Check(), (r, k, g) =>
            Reply.Error(r is ConsumerGroupResult.Failed f ? StreamErrorTexts.GroupCommand(f.Error, k, g) : c.Error)),
        _ => null,
    };

    /// <summary>XGROUP SETDEADLETTER key group max-deliveries stream (this server's own).</summary>
    public static GroupCall SetDeadLetter(byte[] key, byte[] group, long maxDeliveries, byte[] stream) =>
        XGroup(key, ConsumerGroup.NameText(group), new ConsumerGroupOperation.SetDeadLetter(maxDeliveries, maxDeliveries == 0 ? null : stream));

    /// <summary>XINFO CONSUMERS key group.</summary>
    public static GroupCall ListConsumers(byte[] key, byte[] group) =>
        Call(key, ConsumerGroup.NameText(group), new ConsumerGroupOperation.ListConsumers(), (r, k, g) =>
            r is ConsumerGroupResult.ConsumerList list ? Reply.Array(list.Items.Select(ConsumerGroupReplies.ConsumerInfo)) : Answer(r, e => StreamErrorTexts.Consumers(e, k, g)));

    /// <summary>The reply to a result that carries no data of its own: OK, a count, or the error text.</summary>
    public static Reply Answer(ConsumerGroupResult result, Func<StreamError, string> errorText) => result switch
    {
        ConsumerGroupResult.Failed f => Reply.Error(errorText(f.Error)),
        ConsumerGroupResult.Counted n => Reply.Integer(n.Value),
        ConsumerGroupResult.Summary s => ConsumerGroupReplies.PendingSummary(s),
        ConsumerGroupResult.Pending p => ConsumerGroupReplies.PendingRange(p.Entries),
        _ => Reply.Ok,
    };

    private static GroupStart Start(bool dollar, StreamEntryId id) => dollar ? GroupStart.End : GroupStart.After(id);

    private static GroupCall XGroup(byte[] key, string group, ConsumerGroupOperation operation) =>
        Call(key, group, operation, (r, k, g) => Answer(r, e => StreamErrorTexts.XGroup(e, k, g)));

    private static GroupCall Pending(byte[] key, string group, ConsumerGroupOperation operation) =>
        Call(key, group, operation, (r, k, g) => Answer(r, e => StreamErrorTexts.GroupCommand(e, k, g)));

    /// <summary>A call whose formatter gets the key and group as error texts show them.</summary>
    private static GroupCall Call(byte[] key, string group, ConsumerGroupOperation operation, Func<ConsumerGroupResult, string, string, Reply> format) =>
        new(key, group, operation, r => format(r, StreamErrorTexts.Display(key), StreamErrorTexts.Display(group)));
}
