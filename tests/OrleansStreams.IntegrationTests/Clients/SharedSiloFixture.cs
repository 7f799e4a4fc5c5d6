using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Clients;

/// <summary>One memory-storage silo and one reference redis-server for all client tests; tests use distinct keys.</summary>
public sealed class SharedSiloFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Silo = await SiloProcess.StartAsync(new SiloOptions { Storage = "memory" });
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedSiloCollection : ICollectionFixture<SharedSiloFixture>
{
    public const string Name = "Shared silo";
}
