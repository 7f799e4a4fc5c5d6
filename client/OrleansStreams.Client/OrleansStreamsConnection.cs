using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansStreams.Client;

/// <summary>
/// A connection for programs without a host of their own (tools, scripts, samples):
/// <c>await using var connection = await OrleansStreamsConnection.ConnectAsync(o => o.GatewayPort = 30000);</c>
/// then <c>connection.Streams</c>.
/// </summary>
public sealed class OrleansStreamsConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private OrleansStreamsConnection(IHost host)
    {
        _host = host;
        Streams = host.Services.GetRequiredService<IStreamClient>();
    }

    public IStreamClient Streams { get; }

    public IPipelineClient Pipelines => Streams.Pipelines;

    /// <summary>The host's services (the Orleans <see cref="IClusterClient"/> among them).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Connects to the cluster; Orleans' own logging is kept to warnings.</summary>
    /// <exception cref="ClusterUnreachableException">No node answered within <see cref="OrleansStreamsClientOptions.ConnectTimeout"/>.</exception>
    public static async Task<OrleansStreamsConnection> ConnectAsync(Action<OrleansStreamsClientOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new OrleansStreamsClientOptions();
        configure?.Invoke(options);
        await ProbeGatewayAsync(options, cancellationToken);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.Services.AddOrleansStreamsClient(options);
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new ClusterUnreachableException(Describe(options), ex);
        }
        return new OrleansStreamsConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _host.Dispose();
        }
    }

    /// <summary>
    /// With localhost clustering, a refused TCP connection to the gateway port means no node is there: say so at
    /// once. The Orleans client would keep trying until <see cref="OrleansStreamsClientOptions.ConnectTimeout"/>.
    /// </summary>
    private static async Task ProbeGatewayAsync(OrleansStreamsClientOptions options, CancellationToken cancellationToken)
    {
        if (options.EffectiveClustering != "localhost")
        {
            return;
        }
        using var probe = new System.Net.Sockets.TcpClient();
        try
        {
            await probe.ConnectAsync(System.Net.IPAddress.Loopback, options.GatewayPort, cancellationToken);
        }
        catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionRefused)
        {
            throw new ClusterUnreachableException(Describe(options), ex);
        }
    }

    private static string Describe(OrleansStreamsClientOptions o) => o.EffectiveClustering switch
    {
        "redis" => $"no OrleansStreams node of cluster '{o.ClusterId}' answered through Redis clustering at {o.Redis}",
        "static" => $"no OrleansStreams node answered at the Orleans gateways {string.Join(", ", o.Gateways)}",
        _ => $"no OrleansStreams node answered on Orleans gateway port {o.GatewayPort} (start one with: dotnet run --project silo)",
    };
}

/// <summary>The SDK could not reach any node of the cluster.</summary>
public sealed class ClusterUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
