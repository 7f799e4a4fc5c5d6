using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansStreams.Client;
using OrleansStreams.Cluster;
using OrleansStreams.Processing;
using OrleansStreams.Storage;
using OrleansStreams.Streams;

namespace OrleansStreams.ClusterTests;

/// <summary>Three in-process silos sharing a file store in a temporary folder, as two silos share a disk or a Redis server.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly string DataDir = Path.Combine(Path.GetTempPath(), "os-cluster-" + Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public OrleansStreams.Grains.IStreamPartitionGrain Stream(string name, int db = 0) =>
        Grains.GetGrain<OrleansStreams.Grains.IStreamPartitionGrain>(OrleansStreams.Grains.GrainKeys.Stream(db, System.Text.Encoding.UTF8.GetBytes(name)));

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public Task DisposeAsync() => ClusterTeardown.StopAndDeleteAsync(Cluster, DataDir);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        // One store instance for the whole process: both silos see one disk, as separate processes would.
        private static readonly FailingLogStore Store = new(new FileLogStore(DataDir));

        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddMemoryGrainStorage(PipelineStorage.Name).ConfigureServices(services =>
        {
            services.AddOrleansStreamsPipelines();
            services.AddSlotOwnership();
            services.AddStreamClient();
            services.AddPipeline(ClusterPipelines.WordLengths());
            services.AddPipeline(ClusterPipelines.RollingSums());
            services.AddSingleton<ILogStore>(Store);
            services.AddSingleton(new StreamLogOptions { NodeMaxEntries = 10, NodesPerSegment = 2, MaxLoadedSegments = 1 });
            services.AddSingleton(TimeProvider.System);
        });
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
