using OrleansStreams.Client;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Cli;

/// <summary>One memory-storage silo process for the CLI and sample tests; each test uses its own stream names.</summary>
public sealed class CliSiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    public int GatewayPort => Silo.Options.GatewayPort;

    /// <summary>An SDK connection for setting up a test's data faster than through more CLI processes.</summary>
    public OrleansStreamsConnection Sdk { get; private set; } = null!;

    public IStreamClient Streams => Sdk.Streams;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(new SiloOptions { Storage = "memory" });
        Sdk = await OrleansStreamsConnection.ConnectAsync(o => o.GatewayPort = GatewayPort);
    }

    public async Task DisposeAsync()
    {
        if (Sdk is not null)
        {
            await Sdk.DisposeAsync();
        }
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
