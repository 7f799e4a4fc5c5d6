using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace OrleansStreams.Streaming;

/// <summary>Registers an OrleansStreams stream provider on a silo or a client.</summary>
public static class OrleansStreamsProviderExtensions
{
    /// <summary>
    /// Adds the persistent stream provider <paramref name="name"/> whose queues are the partitions of
    /// <see cref="OrleansStreamsProviderOptions.Topics"/>; grains get it with <c>this.GetStreamProvider(name)</c>.
    /// Explicit subscriptions need a grain storage named <c>PubSubStore</c>, which the host adds.
    /// </summary>
    public static ISiloBuilder AddOrleansStreams(this ISiloBuilder builder, string name, Action<OrleansStreamsProviderOptions> configure)
    {
        AddOptions(builder.Services, name, configure);
        return builder.AddPersistentStreams(name, OrleansStreamsAdapterFactory.Create, stream =>
            stream.ConfigurePullingAgent(agent => agent.Configure<IOptionsMonitor<OrleansStreamsProviderOptions>>((pulling, all) =>
                pulling.GetQueueMsgsTimerPeriod = all.Get(name).PollInterval)));
    }

    /// <summary>Adds the provider <paramref name="name"/> to an Orleans client, to write with <c>OnNextAsync</c> and subscribe from the client.</summary>
    public static IClientBuilder AddOrleansStreams(this IClientBuilder builder, string name, Action<OrleansStreamsProviderOptions> configure)
    {
        AddOptions(builder.Services, name, configure);
        return builder.AddPersistentStreams(name, OrleansStreamsAdapterFactory.Create, null);
    }

    private static void AddOptions(IServiceCollection services, string name, Action<OrleansStreamsProviderOptions> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.AddOptions<OrleansStreamsProviderOptions>(name).Configure(configure);
        services.AddSingleton<IConfigurationValidator>(sp => new OptionsValidator(sp.GetRequiredService<IOptionsMonitor<OrleansStreamsProviderOptions>>(), name));
    }

    /// <summary>Checks the provider's options when the silo or client starts, before any queue is read.</summary>
    private sealed class OptionsValidator(IOptionsMonitor<OrleansStreamsProviderOptions> options, string name) : IConfigurationValidator
    {
        public void ValidateConfiguration() => options.Get(name).Validate(name);
    }
}
