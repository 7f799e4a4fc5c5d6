using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using OrleansStreams.Client;
using OrleansStreams.Streams;

namespace OrleansStreams.Streaming;

/// <summary>
/// Reads one partition stream for Orleans through the provider's consumer group: first the entries the
/// group's consumer read before and never acknowledged (a crash, a restart, a queue that moved between
/// silos), then new entries. Entries are acknowledged when Orleans reports them delivered, that is when
/// the cache purges them after every subscriber's cursor passed them: at-least-once.
/// </summary>
internal sealed partial class PartitionReceiver(
    IStreamClient client, TopicPartition partition, string group, string providerName, OrleansStreamsProviderOptions options, ILogger logger) : IQueueAdapterReceiver
{
    /// <summary>The consumer name of every provider's receivers in their group.</summary>
    public const string Consumer = "orleans";

    /// <summary>While not null, the receiver is re-reading its own pending entries after this ID.</summary>
    private StreamEntryId? _pendingAfter;

    public async Task Initialize(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await EnsureGroup(deadline.Token);
        _pendingAfter = StreamEntryId.Min;
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        // Orleans passes what its cache can take, or a negative number for no limit.
        var count = maxCount > 0 ? Math.Min(maxCount, options.BatchSize) : options.BatchSize;
        try
        {
            if (_pendingAfter is { } after)
            {
                var pending = await client.ReadGroupAsync(partition.Stream, group, Consumer, new ReadGroupOptions { Count = count, PendingAfter = after }, cancellationToken);
                if (pending.Count > 0)
                {
                    _pendingAfter = pending[^1].Id;
                    LogRedelivering(logger, pending.Count, partition.Stream, providerName);
                    return await Containers(pending, cancellationToken);
                }
                _pendingAfter = null;
            }
            var entries = await client.ReadGroupAsync(partition.Stream, group, Consumer, new ReadGroupOptions { Count = count }, cancellationToken);
            return await Containers(entries, cancellationToken);
        }
        catch (StreamException ex) when (ex is GroupNotFoundException or StreamNotFoundException)
        {
            // The stream was deleted (DEL drops its groups) or the group destroyed: start over on the new stream.
            LogGroupLost(logger, group, partition.Stream, providerName);
            await EnsureGroup(cancellationToken);
            return [];
        }
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        var ids = messages.OfType<EntryBatchContainer>().Select(m => m.EntryId).ToArray();
        if (ids.Length > 0)
        {
            await client.AcknowledgeAsync(partition.Stream, group, ids, cancellationToken);
        }
    }

    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;

    private async Task EnsureGroup(CancellationToken cancellationToken)
    {
        // A group created by an earlier run or another silo stays: its cursor and pending entries are what we resume from.
        var (position, shown) = options.StartFromBeginning ? (GroupPosition.Beginning, "0") : (GroupPosition.End, "$");
        if (await client.EnsureGroupAsync(partition.Stream, group, position, cancellationToken))
        {
            LogGroupCreated(logger, group, partition.Stream, shown, providerName);
        }
    }

    /// <summary>The entries as batch containers; entries the stream no longer has (trimmed while pending) are acknowledged and dropped.</summary>
    private async Task<IList<IBatchContainer>> Containers(IReadOnlyList<StreamMessage> entries, CancellationToken cancellationToken)
    {
        var gone = entries.Where(e => e.Deleted).Select(e => e.Id).ToArray();
        if (gone.Length > 0)
        {
            await client.AcknowledgeAsync(partition.Stream, group, gone, cancellationToken);
        }
        return [.. entries.Where(e => !e.Deleted).Select(e => new EntryBatchContainer(StreamIdOf(e), e, providerName))];
    }

    /// <summary>The Orleans stream of an entry: its <see cref="OrleansStreamsProviderOptions.KeyField"/> value, else the partition's stream name.</summary>
    private StreamId StreamIdOf(StreamMessage entry) =>
        StreamId.Create(partition.Topic, options.KeyField is { } field && entry[field] is { } key ? key : partition.Stream);
}
