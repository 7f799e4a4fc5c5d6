using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Durability;

/// <summary>The durable storage a silo is killed on: a data folder, or a redis-server with an fsync-always AOF. Outlives the silo processes.</summary>
public sealed class StorageUnderTest : IAsyncDisposable
{
    private RedisServer? _redis;

    private StorageUnderTest(string kind, string dataDirectory)
    {
        Kind = kind;
        DataDirectory = dataDirectory;
    }

    public string Kind { get; }

    public string DataDirectory { get; }

    public static async Task<StorageUnderTest> CreateAsync(string kind)
    {
        var storage = new StorageUnderTest(kind, RepoPaths.NewScratchDirectory("durability-" + kind));
        if (kind == "redis")
        {
            storage._redis = await RedisServer.StartAsync(durable: true);
        }
        return storage;
    }

    public SiloOptions SiloOptions() => new()
    {
        Storage = Kind,
        DataDirectory = DataDirectory,
        Redis = _redis?.Endpoint,
    };

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        RepoPaths.DeleteQuietly(DataDirectory);
    }
}
