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
        var result = await Call(() => grain.Read(new StreamReadRequest(after, false, false, count ?? 0)), cancellationToken);
        return result.Error != StreamError.None ? throw StreamException.For(result.Error, stream) : [.. result.Entries.Select(ToMessage)];
    }

    public async IAsyncEnumerable<StreamMessage> TailAsync(string stream, StreamEntryId? after = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var key = await StreamKey(stream);
        var grain = _grains.GetGrain<IStreamPartitionGrain>(key);
        // '$' is resolved once, by the first read, as XREAD resolves it.
        var request = new StreamReadRequest(after ?? StreamEntryId.Min, after is null, false, 1000);
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await Read(grain, stream, request, cancellationToken);
            request = request with { FromLast = false, After = result.Continuation };
            if (result.Entries.Length == 0)
            {
                // Register for the wake-up first, then read again: an append in between is not missed.
                using var wait = await Wakeups.RegisterAsync([key]);
                result = await Read(grain, stream, request, cancellationToken);
                if (result.Entries.Length == 0)
                {
                    await StreamWakeups.WaitAsync(wait.Woken, StreamWakeups.WatchRenewal, cancellationToken);
                    continue;
                }
                request = request with { After = result.Continuation };
            }
            foreach (var entry in result.Entries)
            {
                yield return ToMessage(entry);
            }
        }
    }

    private static async Task<StreamReadResult> Read(IStreamPartitionGrain grain, string stream, StreamReadRequest request, CancellationToken cancellationToken)
    {
        var result = await Call(() => grain.Read(request), cancellationToken);
        return result.Error != StreamError.None ? throw StreamException.For(result.Error, stream) : result;
    }

    private static IReadOnlyList<StreamMessage> Messages(StreamResult result) =>
        result is StreamResult.Entries entries ? [.. entries.Items.Select(ToMessage)] : [];
}
