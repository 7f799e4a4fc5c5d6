using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Cli;

/// <summary>One memory-storage silo process for the CLI and sample tests; each test uses its own stream names.</summary>
public sealed class CliSiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    public int GatewayPort => Silo.Options.GatewayPort;

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(new SiloOptions { Storage = "memory" });

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
    }

    /// <summary>Runs ostreams against this silo.</summary>
    public Task<CliResult> Ostreams(params string[] args) => CliProcess.OstreamsAsync(GatewayPort, null, args);

    /// <summary>Runs ostreams against this silo with <paramref name="stdin"/> as its input.</summary>
    public Task<CliResult> OstreamsWithInput(string stdin, params string[] args) => CliProcess.OstreamsAsync(GatewayPort, stdin, args);
}

[CollectionDefinition(Name)]
public sealed class CliSiloCollection : ICollectionFixture<CliSiloFixture>
{
    public const string Name = "CLI silo";
}
