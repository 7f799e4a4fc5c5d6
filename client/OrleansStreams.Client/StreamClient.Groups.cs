using System.Text;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Grains;
using OrleansStreams.Replies;
using OrleansStreams.Streams;
using Op = OrleansStreams.ConsumerGroups.ConsumerGroupOperation;

namespace OrleansStreams.Client;

public sealed partial class StreamClient
{
    /// <summary>Group and consumer names are byte strings carried as Latin-1 in grain keys (one char per byte).</summary>
    private static string GroupName(string group) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(group));

    private static string Text(byte[] name) => Encoding.UTF8.GetString(name);

    private static byte[] Bytes(string name) => Encoding.UTF8.GetBytes(name);

    private async ValueTask<IConsumerGroupGrain> Group(string stream, string group) =>
        _grains.GetGrain<IConsumerGroupGrain>(GrainKeys.Group(await StreamKey(stream), GroupName(group)));

    /// <summary>Runs one operation on a group's grain; a failure throws its typed exception.</summary>
    private async Task<ConsumerGroupResult> ExecuteOnGroup(string stream, string group, Op operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var grain = await Group(stream, group);
        var result = (await Call(() => grain.Execute(new Immutable<Op[]>([operation])), cancellationToken))[0];
        return result is ConsumerGroupResult.Failed { Error: var error } ? throw StreamException.For(error, stream, group, ErrorText(operation, error, stream, group)) : result;
    }

    /// <summary>Redis words a missing key or group differently per command family; the gateway's table says how.</summary>
    private static string ErrorText(Op operation, StreamError error, string stream, string group) => operation switch
    {
        Op.Create or Op.SetId or Op.Destroy or Op.CreateConsumer or Op.DeleteConsumer or Op.SetDeadLetter => StreamErrorTexts.XGroup(error, stream, group),
        Op.ListConsumers => StreamErrorTexts.Consumers(error, stream, group),
        _ => StreamErrorTexts.GroupCommand(error, stream, group),
    };

    public async Task CreateGroupAsync(string stream, string group, GroupPosition position, bool makeStream = false, CancellationToken cancellationToken = default) =>
        await ExecuteOnGroup(stream, group, new Op.Create(position.Start, makeStream), cancellationToken);

    public async Task<bool> DestroyGroupAsync(string stream, string group, CancellationToken cancellationToken = default) =>
        Counted(await ExecuteOnGroup(stream, group, new Op.Destroy(), cancellationToken)) > 0;

    public async Task SetGroupPositionAsync(string stream, string group, GroupPosition position, CancellationToken cancellationToken = default) =>
        await ExecuteOnGroup(stream, group, new Op.SetId(position.Start), cancellationToken);

    public async Task<bool> CreateConsumerAsync(string stream, string group, string consumer, CancellationToken cancellationToken = default) =>
        Counted(await ExecuteOnGroup(stream, group, new Op.CreateConsumer(Bytes(consumer)), cancellationToken)) > 0;

    public async Task<long> DeleteConsumerAsync(string stream, string group, string consumer, CancellationToken cancellationToken = default) =>
        Counted(await ExecuteOnGroup(stream, group, new Op.DeleteConsumer(Bytes(consumer)), cancellationToken));

    public async Task<long> AcknowledgeAsync(string stream, string group, IReadOnlyList<StreamEntryId> ids, CancellationToken cancellationToken = default) =>
        ids.Count == 0 ? 0 : Counted(await ExecuteOnGroup(stream, group, new Op.Acknowledge([.. ids]), cancellationToken));

    public async Task SetDeadLetterAsync(string stream, string group, long maxDeliveries, string? deadLetterStream, CancellationToken cancellationToken = default) =>
        await ExecuteOnGroup(stream, group, new Op.SetDeadLetter(maxDeliveries, maxDeliveries == 0 || deadLetterStream is null ? null : Bytes(deadLetterStream)), cancellationToken);

    public async Task<PendingSummary> PendingAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        var summary = (ConsumerGroupResult.Summary)await ExecuteOnGroup(stream, group, new Op.PendingSummary(), cancellationToken);
        return new(summary.Count, summary.MinId, summary.MaxId, summary.Consumers.ToDictionary(c => Text(c.Consumer), c => c.Count));
    }

    public async Task<IReadOnlyList<PendingMessage>> PendingMessagesAsync(string stream, string group, PendingQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new PendingQuery();
        var operation = new Op.PendingRange((long)(query.MinIdle?.TotalMilliseconds ?? 0), query.Start, query.End, query.Count, query.Consumer is null ? null : Bytes(query.Consumer));
        var pending = (ConsumerGroupResult.Pending)await ExecuteOnGroup(stream, group, operation, cancellationToken);
        return [.. pending.Entries.Select(e => new PendingMessage(e.Id, Text(e.Consumer), TimeSpan.FromMilliseconds(e.IdleMs), e.DeliveryCount))];
    }

    public async Task<IReadOnlyList<StreamMessage>> ClaimAsync(string stream, string group, string consumer, TimeSpan minIdle, IReadOnlyList<StreamEntryId> ids, ClaimOptions? options = null, CancellationToken cancellationToken = default)
    {
        var claim = new ConsumerGroups.ClaimOptions((long)minIdle.TotalMilliseconds, IdleMs: options?.Idle is { } idle ? (long)idle.TotalMilliseconds : null,
            RetryCount: options?.RetryCount ?? -1, Force: options?.Force ?? false);
        var claimed = (ConsumerGroupResult.Claimed)await ExecuteOnGroup(stream, group, new Op.Claim(Bytes(consumer), [.. ids], claim), cancellationToken);
        return [.. claimed.Entries.Where(e => e.Fields is not null).Select(Delivered)];
    }

    public async Task<AutoClaimResult> AutoClaimAsync(string stream, string group, string consumer, TimeSpan minIdle, StreamEntryId start, int count = 100, CancellationToken cancellationToken = default)
    {
        var auto = (ConsumerGroupResult.AutoClaimed)await ExecuteOnGroup(stream, group, new Op.AutoClaim(Bytes(consumer), (long)minIdle.TotalMilliseconds, start, count, false), cancellationToken);
        return new(auto.Next, [.. auto.Entries.Where(e => e.Fields is not null).Select(Delivered)], auto.Deleted);
    }

    public async Task<IReadOnlyList<StreamMessage>> ReadGroupAsync(string stream, string group, string consumer, ReadGroupOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReadGroupOptions();
        var key = await StreamKey(stream);
        var grain = _grains.GetGrain<IConsumerGroupGrain>(GrainKeys.Group(key, GroupName(group)));
        var history = options.PendingAfter is not null;
        var name = Bytes(consumer);
        var result = history || options.Block is not { } block
            ? await ReadGroupOnce()
            : await ReadBlocking(key, ReadGroupOnce, r => r.Entries is not null,
                block == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + block, cancellationToken);
        return result.Entries is null ? [] : [.. result.Entries.Select(Delivered)];

        async Task<GroupReadResult> ReadGroupOnce()
        {
            var result = await Call(() => grain.Read(name, !history, options.PendingAfter ?? StreamEntryId.Min, options.Count ?? 0, options.NoAck), cancellationToken);
            return result.Error != StreamError.None
                ? throw StreamException.For(result.Error, stream, group, StreamErrorTexts.ReadGroup(result.Error, stream, group))
                : result;
        }
    }

    /// <summary>An entry delivered through a group: a deleted one (history, [id, nil]) comes back with no fields.</summary>
    private static StreamMessage Delivered(GroupEntry entry) =>
        entry.Fields is null ? new(entry.Id, []) { Deleted = true } : new(entry.Id, Fields(entry.Fields));

    private static long Counted(ConsumerGroupResult result) => result is ConsumerGroupResult.Counted c ? c.Value : 0;
}
