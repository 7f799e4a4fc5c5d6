using OrleansStreams.Grains;
using Microsoft.Extensions.Options;
using OrleansStreams.Resp.Cluster;

namespace OrleansStreams.Resp.Server;

/// <summary>The gateway's shared services, one set per silo.</summary>
public sealed class GatewayServices(
    IGrainFactory grains,
    IOptions<RespGatewayOptions> options,
    ClientRegistry clients,
    ServerStats stats,
    DatabaseMap databases,
    StreamWakeups wakeups,
    PubSubHub pubSub,
    ServerConfig config,
    GrainCallBatcher batcher,
    GrainReferences references,
    ClusterView cluster)
{
    public IGrainFactory Grains { get; } = grains;

    public RespGatewayOptions Options { get; } = options.Value;

    public ClientRegistry Clients { get; } = clients;

    public ServerStats Stats { get; } = stats;

    public DatabaseMap Databases { get; } = databases;

    public StreamWakeups Wakeups { get; } = wakeups;

    public PubSubHub PubSub { get; } = pubSub;

    public ServerConfig Config { get; } = config;

    public GrainCallBatcher Batcher { get; } = batcher;

    public GrainReferences References { get; } = references;

    /// <summary>The cluster as Redis Cluster clients see it; <see cref="ClusterView.Enabled"/> with <c>--cluster-enabled yes</c>.</summary>
    public ClusterView Cluster { get; } = cluster;
}
