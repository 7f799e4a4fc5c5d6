using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OrleansStreams.Client;

/// <summary>Registration of the SDK in the .NET way.</summary>
public static class OrleansStreamsClientExtensions
{
    /// <summary>
    /// Adds an Orleans client connected to the cluster (localhost or Redis clustering) and
    /// <see cref="IStreamClient"/> over it. Inside a silo, use <see cref="AddStreamClient"/> instead.
    /// </summary>
    public static IServiceCollection AddOrleansStreamsClient(this IServiceCollection services, Action<OrleansStreamsClientOptions>? configure = null)
    {
        var options = new OrleansStreamsClientOptions();
        configure?.Invoke(options);
        return services.AddOrleansStreamsClient(options);
    }

    /// <summary><see cref="AddOrleansStreamsClient(IServiceCollection, Action{OrleansStreamsClientOptions}?)"/> with the options already filled in.</summary>
    internal static IServiceCollection AddOrleansStreamsClient(this IServiceCollection services, OrleansStreamsClientOptions options)
    {
        AddOptions(services, options);
        services.AddOrleansClient(client => ConfigureClient(client, options));
        return services.AddStreamClientCore();
    }

    /// <summary>
    /// Adds <see cref="IStreamClient"/> over the <see cref="IGrainFactory"/> already registered: inside a
    /// silo that hosts the OrleansStreams grains, or next to an Orleans client configured by hand.
    /// </summary>
    public static IServiceCollection AddStreamClient(this IServiceCollection services, Action<OrleansStreamsClientOptions>? configure = null)
    {
        var options = new OrleansStreamsClientOptions();
        configure?.Invoke(options);
        AddOptions(services, options);
        return services.AddStreamClientCore();
    }

    /// <summary>The host builder form of <see cref="AddOrleansStreamsClient(IServiceCollection, Action{OrleansStreamsClientOptions}?)"/>.</summary>
    public static IHostBuilder UseOrleansStreamsClient(this IHostBuilder builder, Action<OrleansStreamsClientOptions>? configure = null) =>
        builder.ConfigureServices(services => services.AddOrleansStreamsClient(configure));

    /// <summary>Configures an Orleans client builder for the cluster the options describe.</summary>
    public static IClientBuilder ConfigureClient(IClientBuilder client, OrleansStreamsClientOptions options)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        switch (options.EffectiveClustering)
        {
            case "redis":
                client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
                break;
            case "static":
                client.UseStaticClustering([.. options.Gateways.Select(GatewayEndpoints.Resolve)]);
                break;
            default:
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, options.GatewayPort));
                break;
        }
        return client;
    }

    private static void AddOptions(IServiceCollection services, OrleansStreamsClientOptions options)
    {
        options.Validate();
        services.TryAddSingleton(options);
    }

    private static IServiceCollection AddStreamClientCore(this IServiceCollection services)
    {
        services.TryAddSingleton<IStreamClient>(sp => new StreamClient(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<OrleansStreamsClientOptions>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<IStreamClient>().Pipelines);
        return services;
    }
}
