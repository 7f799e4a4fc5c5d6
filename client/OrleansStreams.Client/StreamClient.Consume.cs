using System.Collections.Concurrent;
using OrleansStreams.Streams;

namespace OrleansStreams.Client;

public sealed partial class StreamClient
{
    public async Task ConsumeAsync(string stream, string group, string consumer, Func<StreamMessage, CancellationToken, Task> handler, ConsumeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ConsumeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        await PrepareGroup(stream, group, consumer, options, cancellationToken);
        var worker = new Worker(this, stream, group, consumer, handler, options, cancellationToken);
        await worker.RunAsync();
    }

    private async Task PrepareGroup(string stream, string group, string consumer, ConsumeOptions options, CancellationToken cancellationToken)
    {
        if (options.CreateGroupAt is { } position)
        {
            await this.EnsureGroupAsync(stream, group, position, cancellationToken);
        }
        if (options.MaxDeliveries > 0 && options.DeadLetterStream is not null)
        {
            await SetDeadLetterAsync(stream, group, options.MaxDeliveries, options.DeadLetterStream, cancellationToken);
        }
        await CreateConsumerAsync(stream, group, consumer, cancellationToken);
    }

    /// <summary>One running <see cref="ConsumeAsync"/>: its own pending entries first, then new ones, with reclaiming in between.</summary>
    private sealed class Worker(StreamClient client, string stream, string group, string consumer, Func<StreamMessage, CancellationToken, Task> handler, ConsumeOptions options, CancellationToken stopping)
    {
        private long _lastReclaim = TimeProvider.System.GetTimestamp();
        private StreamEntryId _reclaimCursor = StreamEntryId.Min;

        private TimeSpan ReadBlock => options.ReclaimIdle is { } idle && idle / 2 < options.BlockTimeout
            ? TimeSpan.FromMilliseconds(Math.Max(idle.TotalMilliseconds / 2, 10))
            : options.BlockTimeout;

        /// <summary>
        /// Reads and processes until stopped. When a node dies mid-call the worker backs off and starts again from its own
        /// pending entries: a batch whose reply was lost was delivered to this consumer all the same, so it is there.
        /// </summary>
        /// <exception cref="ClusterUnreachableException">Calls kept failing for <see cref="OrleansStreamsClientOptions.FailoverBudget"/>.</exception>
        public async Task RunAsync()
        {
            var outage = new RepeatableCall.Outage($"consuming as '{group}/{consumer}' from stream", stream, client._options.FailoverBudget);
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await DrainOwnHistory();
                    while (!stopping.IsCancellationRequested)
                    {
                        await ReclaimIfDue();
                        var batch = await client.ReadGroupAsync(stream, group, consumer, new ReadGroupOptions { Count = options.BatchSize, Block = ReadBlock }, stopping);
                        outage.Reset();
                        await Process(batch);
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    // Stopped while waiting for entries: what was read is processed and acknowledged already.
                }
                catch (Exception ex) when (RepeatableCall.IsTransient(ex, stopping))
                {
                    await BackOff(outage, ex);
                }
            }
        }

        private async Task BackOff(RepeatableCall.Outage outage, Exception failure)
        {
            try
            {
                await outage.BackOffAsync(failure, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopped during the backoff.
            }
        }

        /// <summary>Entries delivered to this consumer before it (re)started and never acknowledged: a crashed worker's batch.</summary>
        private async Task DrainOwnHistory()
        {
            var after = StreamEntryId.Min;
            while (!stopping.IsCancellationRequested)
            {
                var batch = await client.ReadGroupAsync(stream, group, consumer, new ReadGroupOptions { Count = options.BatchSize, PendingAfter = after }, stopping);
                if (batch.Count == 0)
                {
                    return;
                }
                await Process(batch);
                after = batch[^1].Id;
            }
        }

        /// <summary>Claims entries any consumer left pending longer than <see cref="ConsumeOptions.ReclaimIdle"/> (the group dead-letters those delivered too often).</summary>
        private async Task ReclaimIfDue()
        {
            if (options.ReclaimIdle is not { } idle || TimeProvider.System.GetElapsedTime(_lastReclaim) < idle / 2)
            {
                return;
            }
            var claimed = await client.AutoClaimAsync(stream, group, consumer, idle, _reclaimCursor, options.BatchSize, stopping);
            _reclaimCursor = claimed.Next;
            if (claimed.Next == StreamEntryId.Min)
            {
                _lastReclaim = TimeProvider.System.GetTimestamp();
            }
            await Process(claimed.Messages);
        }

        /// <summary>Runs the handler on a batch, <see cref="ConsumeOptions.Concurrency"/> at a time, and acknowledges what succeeded in one call.</summary>
        private async Task Process(IReadOnlyList<StreamMessage> batch)
        {
            if (batch.Count == 0)
            {
                return;
            }
            var done = new ConcurrentBag<StreamEntryId>();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (message, _) =>
            {
                // An entry deleted from the stream while pending has nothing to handle: acknowledge it.
                if (message.Deleted || await Handle(message))
                {
                    done.Add(message.Id);
                }
            });
            // Acknowledged even when stopping: the handlers ran, so their entries must not come back. XACK may run twice.
            IReadOnlyList<StreamEntryId> ids = [.. done];
            await RepeatableCall.RunAsync(() => client.AcknowledgeAsync(stream, group, ids, CancellationToken.None), "acknowledging entries of stream", stream, client._options.FailoverBudget, CancellationToken.None);
        }

        /// <summary>The handler with retries and exponential backoff; false leaves the entry pending for a later reclaim.</summary>
        private async Task<bool> Handle(StreamMessage message)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await handler(message, stopping);
                    return true;
                }
                catch (Exception ex)
                {
                    if (ex is OperationCanceledException && stopping.IsCancellationRequested)
                    {
                        return false;
                    }
                    options.OnHandlerError?.Invoke(message, ex, attempt);
                    if (attempt > options.MaxRetries)
                    {
                        return false;
                    }
                }
                try
                {
                    await Task.Delay(options.RetryBackoff * Math.Pow(2, attempt - 1), stopping);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
        }
    }
}
