using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>
/// One reference redis-server and one silo (memory storage) shared by the scripts of a class; each script starts with FLUSHALL on a new connection.
/// Set ORLEANSSTREAMS_IT_DIFF_REDIS_ONLY=1 to run the scripts against a second redis-server instead of the silo (checks the scripts themselves).
/// </summary>
public sealed class DifferentialFixture : IAsyncLifetime
{
    public static bool RedisOnly => Environment.GetEnvironmentVariable("ORLEANSSTREAMS_IT_DIFF_REDIS_ONLY") == "1";

    private RedisServer? _otherRedis;

    public RedisServer Redis { get; private set; } = null!;

    public SiloProcess? Silo { get; private set; }

    /// <summary>RESP port of the server under test.</summary>
    public int TestedPort => Silo?.RespPort ?? _otherRedis!.Port;

    public string TestedOutputTail => Silo?.OutputTail() ?? "(second redis-server)";

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        if (RedisOnly)
        {
            _otherRedis = await RedisServer.StartAsync();
        }
        else
        {
            Silo = await SiloProcess.StartAsync(new SiloOptions { Storage = "memory" });
        }
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
        if (_otherRedis is not null)
        {
            await _otherRedis.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DifferentialCollection : ICollectionFixture<DifferentialFixture>
{
    public const string Name = "Differential";
}
