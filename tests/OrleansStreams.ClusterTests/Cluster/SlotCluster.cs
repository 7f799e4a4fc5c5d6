using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansStreams.Cluster;
using OrleansStreams.Processing;
using OrleansStreams.Storage;
using OrleansStreams.Streams;

namespace OrleansStreams.ClusterTests.Cluster;

/// <summary>A test cluster with slot ownership whose silos share one file store, for tests that add and stop silos.</summary>
public sealed class SlotCluster : IAsyncDisposable
{
    private static readonly string DataDir = Path.Combine(Path.GetTempPath(), "os-slots-" + Guid.NewGuid().ToString("N"));

    private SlotCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public static async Task<SlotCluster> StartAsync(short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SlotCluster(cluster);
    }

    public async ValueTask DisposeAsync() => await ClusterTeardown.StopAndDeleteAsync(Cluster, DataDir);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        // One store for every silo of the process, as silos on one disk or one Redis server.
        private static readonly FileLogStore Store = new(DataDir);

        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddMemoryGrainStorage(PipelineStorage.Name).ConfigureServices(services =>
        {
            services.AddOrleansStreamsPipelines();
            services.AddSlotOwnership();
            services.AddSingleton<ILogStore>(Store);
            services.AddSingleton(new StreamLogOptions());
            services.AddSingleton(TimeProvider.System);
        });
    }
}
