using System.Collections.Concurrent;
using OrleansStreams.Grains;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// Grain references for the hot path. <see cref="IGrainFactory.GetGrain{T}(string, string?)"/> reads
/// custom attributes on every call (seen in a CPU profile of pipelined XADD), so references to
/// recently used streams are kept; the cache is dropped whole when it grows past its bound.
/// </summary>
public sealed class GrainReferences(IGrainFactory grains)
{
    private const int MaxCachedStreams = 100_000;
    private readonly ConcurrentDictionary<string, IStreamPartitionGrain> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IConsumerGroupGrain> _groups = new(StringComparer.Ordinal);
    private readonly IDatabaseGrain?[] _databases = new IDatabaseGrain?[64];

    public IStreamPartitionGrain Stream(string key)
    {
        if (_streams.TryGetValue(key, out var grain))
        {
            return grain;
        }
        if (_streams.Count >= MaxCachedStreams)
        {
            _streams.Clear();
        }
        return _streams[key] = grains.GetGrain<IStreamPartitionGrain>(key);
    }

    public IConsumerGroupGrain Group(string key)
    {
        if (_groups.TryGetValue(key, out var grain))
        {
            return grain;
        }
        if (_groups.Count >= MaxCachedStreams)
        {
            _groups.Clear();
        }
        return _groups[key] = grains.GetGrain<IConsumerGroupGrain>(key);
    }

    public IDatabaseGrain Database(int db) =>
        db < _databases.Length ? _databases[db] ??= grains.GetGrain<IDatabaseGrain>(db) : grains.GetGrain<IDatabaseGrain>(db);
}
