using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Pipelines;

/// <summary>One memory-storage silo for the pipeline coverage tests; each test uses its own streams and pipeline names and drops its pipelines.</summary>
public sealed class PipelineSiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(new SiloOptions { Storage = "memory" });

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineSiloCollection : ICollectionFixture<PipelineSiloFixture>
{
    public const string Name = "Pipeline silo";
}
