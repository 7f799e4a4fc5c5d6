using System.Runtime.CompilerServices;
using OrleansStreams.Grains;
using OrleansStreams.Streams;

namespace OrleansStreams.Client;

public sealed partial class StreamClient
{
    public async Task<IReadOnlyList<StreamMessage>> RangeAsync(string stream, StreamEntryId? start = null, StreamEntryId? end = null, int? count = null, CancellationToken cancellationToken = default) =>
        Messages(await ExecuteOne(stream, new StreamOperation.Range(start ?? StreamEntryId.Min, end ?? StreamEntryId.Max, count ?? -1, false), cancellationToken));

    public async Task<IReadOnlyList<StreamMessage>> ReverseRangeAsync(string stream, StreamEntryId? end = null, StreamEntryId? start = null, int? count = null, CancellationToken cancellationToken = default) =>
        Messages(await ExecuteOne(stream, new StreamOperation.Range(start ?? StreamEntryId.Min, end ?? StreamEntryId.Max, count ?? -1, true), cancellationToken));

    public async Task<IReadOnlyList<StreamMessage>> ReadAsync(string stream, StreamEntryId after, int? count = null, CancellationToken cancellationToken = default)
    {
        var grain = await Stream(stream);
        var result = await Read(grain, stream, new StreamReadRequest(after, false, false, count ?? 0), cancellationToken);
        return [.. result.Entries.Select(ToMessage)];
    }

    public async IAsyncEnumerable<StreamMessage> TailAsync(string stream, StreamEntryId? after = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var key = await StreamKey(stream);
        var grain = _grains.GetGrain<IStreamPartitionGrain>(key);
        // '$' is resolved once, by the first read, as XREAD resolves it. A read that fails (its node died) is repeated
        // with the same request, so the tail resumes after the last entry it returned: none skipped, none twice.
        var request = new StreamReadRequest(after ?? StreamEntryId.Min, after is null, false, 1000);
        while (!cancellationToken.IsCancellationRequested)
        {
            StreamReadResult? result = null;
            try
            {
                result = await ReadBlocking(key, ReadNext, r => r.Entries.Length > 0, DateTime.MaxValue, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The tail ends when its caller stops it.
            }
            if (result is null)
            {
                yield break;
            }
            foreach (var entry in result.Entries)
            {
                yield return ToMessage(entry);
            }
        }

        async Task<StreamReadResult> ReadNext()
        {
            var result = await Read(grain, stream, request, cancellationToken);
            request = request with { FromLast = false, After = result.Continuation };
            return result;
        }
    }

    /// <summary>
    /// The blocking rule of XREAD BLOCK and XREADGROUP BLOCK, as the gateway applies it: read; when nothing is found,
    /// register for the stream's wake-up and read again (an append in between is not missed), then wait for a
    /// wake-up (renewing the registration every <see cref="StreamWakeups.WatchRenewal"/>, a partition may move)
    /// and read again, until something is found or <paramref name="deadline"/> passes.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    private async Task<T> ReadBlocking<T>(string key, Func<Task<T>> read, Func<T, bool> found, DateTime deadline, CancellationToken cancellationToken)
    {
        var result = await read();
        while (!found(result))
        {
            // Registering only asks the partition for a call back, so it may be repeated when its node dies (an attempt that
            // timed out but went through later leaves its waiter until the stream's next append).
            using var wait = await RepeatableCall.RunAsync(() => Wakeups.RegisterAsync([key]), "watching stream key", key, _options.FailoverBudget, cancellationToken);
            result = await read();
            var remaining = deadline - DateTime.UtcNow;
            if (found(result) || remaining <= TimeSpan.Zero)
            {
                return result;
            }
            await StreamWakeups.WaitAsync(wait.Woken, remaining < StreamWakeups.WatchRenewal ? remaining : StreamWakeups.WatchRenewal, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            result = await read();
        }
        return result;
    }

    /// <summary>A read changes nothing, so it is repeated while its node dies (<see cref="RepeatableCall"/>).</summary>
    private async Task<StreamReadResult> Read(IStreamPartitionGrain grain, string stream, StreamReadRequest request, CancellationToken cancellationToken)
    {
        var result = await RepeatableCall.RunAsync(() => grain.Read(request), "reading stream", stream, _options.FailoverBudget, cancellationToken);
        return result.Error != StreamError.None ? throw StreamException.For(result.Error, stream) : result;
    }

    private static IReadOnlyList<StreamMessage> Messages(StreamResult result) =>
        result is StreamResult.Entries entries ? [.. entries.Items.Select(ToMessage)] : [];
}
