using System.Collections.Concurrent;
using OrleansStreams.Grains;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// Grain references for the hot path. <see cref="IGrainFactory.GetGrain{T}(string, string?)"/> reads
/// custom attributes on every call (seen in a CPU profile of pipelined XADD), so references to
/// recently used streams and groups are kept; a cache is dropped whole when it grows past its bound.
/// </summary>
public sealed class GrainReferences(IGrainFactory grains)
{
    private const int MaxCached = 100_000;
    private readonly ConcurrentDictionary<string, IStreamPartitionGrain> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IConsumerGroupGrain> _groups = new(StringComparer.Ordinal);
    private readonly IDatabaseGrain?[] _databases = new IDatabaseGrain?[64];

    public IStreamPartitionGrain Stream(string key) => Cached(_streams, key);

    public IConsumerGroupGrain Group(string key) => Cached(_groups, key);

    public IDatabaseGrain Database(int db) =>
        db < _databases.Length ? _databases[db] ??= grains.GetGrain<IDatabaseGrain>(db) : grains.GetGrain<IDatabaseGrain>(db);

    private T Cached<T>(ConcurrentDictionary<string, T> cache, string key)
        where T : IGrainWithStringKey
    {
        if (cache.TryGetValue(key, out var grain))
        {
            return grain;
        }
        if (cache.Count >= MaxCached)
        {
            cache.Clear();
        }
        return cache[key] = grains.GetGrain<T>(key);
    }
}
