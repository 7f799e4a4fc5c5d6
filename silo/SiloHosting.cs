using System.Net;
using Microsoft.AspNetCore.Connections;
using OrleansStreams.Cluster;
using OrleansStreams.Processing;
using OrleansStreams.Resp.Server;
using OrleansStreams.Storage;
using OrleansStreams.Streams;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OrleansStreams.Silo;

/// <summary>The host's wiring: Orleans (clustering, storage), the RESP gateway on Kestrel, start-up logs.</summary>
public static partial class SiloHosting
{
    /// <exception cref="InvalidOperationException">The Redis server of redis storage or clustering cannot be reached.</exception>
    public static void UseOrleansStreamsSilo(this WebApplicationBuilder builder, NodeOptions node, NodeAddresses addresses)
    {
        IConnectionMultiplexer? redis = null;
        if (node.Storage == "redis" || node.Clustering == "redis")
        {
            redis = ConnectRedis(node);
            builder.Services.AddSingleton(redis);
        }
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new StreamLogOptions());
        builder.Services.AddSingleton<ILogStore>(node.Storage switch
        {
            "memory" => new MemoryLogStore(),
            "redis" => new RedisLogStore(redis!, $"{node.ServiceId}/os/"),
            _ when redis is not null => FileStorageClaim.Open(redis, node.ServiceId, node.Data),
            _ => new FileLogStore(node.Data),
        });
        builder.Services.AddOrleansStreamsPipelines();
        builder.UseOrleans(silo =>
        {
            // Pipeline definitions and lifecycle state: small whole objects in Orleans grain storage.
            silo.AddNodeGrainStorage(node, PipelineStorage.Name);
            silo.AddNodeStreamProvider(node);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = node.ClusterId;
                o.ServiceId = node.ServiceId;
            });
            silo.Configure<ClusterMembershipOptions>(FailoverMembership.Apply);
            silo.Services.AddSlotOwnership();
            if (node.Clustering == "redis")
            {
                silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(node.Redis));
            }
            else
            {
                silo.UseLocalhostClustering(node.SiloPort, node.GatewayPort, new IPEndPoint(addresses.Advertise, node.PrimarySiloPort ?? node.SiloPort));
            }
            // Listen on --bind, publish --advertise (localhost clustering would listen and publish loopback only).
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = addresses.Advertise;
                o.SiloPort = node.SiloPort;
                o.GatewayPort = node.GatewayPort;
                o.SiloListeningEndpoint = new IPEndPoint(addresses.Bind, node.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(addresses.Bind, node.GatewayPort);
            });
            if (node.InKubernetes)
            {
                // After the endpoints: the pod's IP and the cluster and service ids from its labels win.
                silo.UseKubernetesHosting();
            }
        });
    }

    /// <summary>
    /// Connects to the Redis server of redis storage or clustering, or says in one line why not: an unreachable server
    /// is a start-up refusal like a port in use, not a stack trace and an abort.
    /// </summary>
    private static ConnectionMultiplexer ConnectRedis(NodeOptions node)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(node.Redis);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"--redis must be host:port (or a StackExchange.Redis configuration string), not '{node.Redis}': {e.Message}");
        }
        try
        {
            return ConnectionMultiplexer.Connect(options);
        }
        catch (RedisConnectionException e)
        {
            var use = node.Clustering == "redis" ? "clustering" : "storage";
            var why = e.InnerException?.Message ?? $"not reachable ({e.FailureType})";
            throw new InvalidOperationException($"Could not connect to the Redis server for {use} at {node.Redis} (--redis): {why}. Start it or point --redis at it.");
        }
    }

    /// <summary>The Orleans grain storage <paramref name="name"/> on the node's storage: memory, files beside the journals, or the Redis server.</summary>
    private static void AddNodeGrainStorage(this ISiloBuilder silo, NodeOptions node, string name)
    {
        switch (node.Storage)
        {
            case "memory":
                silo.AddMemoryGrainStorage(name);
                break;
            case "redis":
                silo.AddRedisGrainStorage(name, o => o.ConfigurationOptions = ConfigurationOptions.Parse(node.Redis));
                break;
            default:
                silo.Services.AddFileGrainStorage(name, node.Data);
                break;
        }
    }

    public static void UseRespGateway(this IWebHostBuilder web, RespGatewayOptions gateway) =>
        web.ConfigureKestrel(kestrel =>
            kestrel.Listen(gateway.BindAddress, gateway.Port, listen => listen.UseConnectionHandler<RespConnectionHandler>()));

    public static void LogStartup(this WebApplication app, NodeOptions node, RespGatewayOptions gateway, NodeAddresses addresses)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansStreams");
        var where = node.Storage switch
        {
            "file" => Path.GetFullPath(node.Data),
            "redis" => node.Redis,
            _ => "process memory (not durable)",
        };
        // Orleans warns at start when server GC is off; the node runs workstation GC by design (decision 0021), so say so.
        var gc = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation (by design, docs/decisions/0021; DOTNET_gcServer=1 for server GC)";
        var advertise = addresses.Advertise.ToString();
        app.Lifetime.ApplicationStarted.Register(() =>
            LogReady(logger, node.Storage, where, gateway.Bind, gateway.Port, node.SiloPort, node.GatewayPort, advertise, node.Clustering, gc));
    }

    /// <summary>Seconds after <see cref="NodeOptions.StopTimeout"/> that a stop which ignored the cancellation is given before the process ends.</summary>
    private const int StopGraceSeconds = 5;

    /// <summary>
    /// Bounds a stop: the host cancels the graceful stop after <see cref="NodeOptions.StopTimeout"/>, and if the
    /// stop still runs <see cref="StopGraceSeconds"/> later (Orleans retries a membership write against a Redis
    /// server that is gone without end), the process exits with code 1 — before systemd's TimeoutStopSec kills it.
    /// </summary>
    public static void BoundStop(this WebApplicationBuilder builder, NodeOptions node) =>
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(node.StopTimeout));

    public static void ExitIfStopHangs(this WebApplication app, NodeOptions node)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansStreams");
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            var deadline = new Thread(() =>
            {
                Thread.Sleep(TimeSpan.FromSeconds(node.StopTimeout + StopGraceSeconds));
                LogStopHung(logger, node.StopTimeout + StopGraceSeconds);
                Environment.Exit(1);
            })
            { IsBackground = true, Name = "stop deadline" };
            deadline.Start();
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The stop did not finish within {Seconds} s (--stop-timeout); exiting now. Every acknowledged write was durable before it was acknowledged.")]
    private static partial void LogStopHung(ILogger logger, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "OrleansStreams node ready: storage={Storage} at {Where}; RESP gateway on {Bind}:{RespPort}; silo port {SiloPort}, Orleans gateway port {GatewayPort}, advertised as {Advertise}; clustering={Clustering}; GC={Gc}")]
    private static partial void LogReady(ILogger logger, string storage, string where, string bind, int respPort, int siloPort, int gatewayPort, string advertise, string clustering, string gc);
}
