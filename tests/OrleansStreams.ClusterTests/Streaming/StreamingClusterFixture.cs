using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansStreams.Client;
using OrleansStreams.Cluster;
using OrleansStreams.Storage;
using OrleansStreams.Streaming;
using OrleansStreams.Streams;

namespace OrleansStreams.ClusterTests.Streaming;

/// <summary>
/// Two in-process silos sharing one file store in a temporary folder (so a restarted silo finds the streams
/// and groups), each with the OrleansStreams stream provider and a memory PubSubStore; the client has the
/// provider too, to write with OnNextAsync.
/// </summary>
public sealed class StreamingClusterFixture : IAsyncLifetime
{
    public const string Provider = "orleansstreams";

    /// <summary>Topics, one per test so tests do not see each other's entries.</summary>
    public const string Clicks = "clicks", Restart = "restart", Written = "written", Resume = "resume", Typed = "typed";

    public const string KeyField = "user";

    private static readonly string DataDir = Path.Combine(Path.GetTempPath(), "os-streaming-" + Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The SDK over the cluster client: what redis-cli does, with typed results.</summary>
    public IStreamClient Streams { get; private set; } = null!;

    public static void ConfigureProvider(OrleansStreamsProviderOptions options)
    {
        foreach (var topic in new[] { Clicks, Restart, Written, Resume, Typed })
        {
            options.Topics.Add(topic);
        }
        options.Partitions[Clicks] = 3;
        options.Partitions[Restart] = 2;
        options.Partitions[Written] = 4;
        options.KeyField = KeyField;
        options.PollInterval = TimeSpan.FromMilliseconds(50);
    }

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Streams = new StreamClient(Cluster.Client, new OrleansStreamsClientOptions());
    }

    public Task DisposeAsync() => ClusterTeardown.StopAndDeleteAsync(Cluster, DataDir);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        // One store instance for the process: every silo, restarted ones too, sees one disk.
        private static readonly FileLogStore Store = new(DataDir);

        public void Configure(ISiloBuilder siloBuilder) => siloBuilder
            .AddMemoryGrainStorage("PubSubStore")
            .AddOrleansStreams(Provider, ConfigureProvider)
            .ConfigureServices(services =>
            {
                services.AddSlotOwnership();
                services.AddSingleton<ILogStore>(Store);
                services.AddSingleton(new StreamLogOptions());
                services.AddSingleton(TimeProvider.System);
            });
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddOrleansStreams(Provider, ConfigureProvider);
    }
}

[CollectionDefinition(Name)]
public sealed class StreamingCollection : ICollectionFixture<StreamingClusterFixture>
{
    public const string Name = "streaming";
}
