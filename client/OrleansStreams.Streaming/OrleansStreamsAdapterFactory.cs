using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using OrleansStreams.Client;

namespace OrleansStreams.Streaming;

/// <summary>
/// Builds the pieces of an OrleansStreams provider for Orleans' persistent streams: the adapter over the
/// SDK's <see cref="StreamClient"/>, one queue per partition, and Orleans' simple in-memory cache per queue.
/// </summary>
public sealed class OrleansStreamsAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly OrleansStreamsProviderOptions _options;
    private readonly PartitionLayout _layout;
    private readonly PartitionQueueMapper _mapper;
    private readonly IStreamClient _client;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SimpleQueueAdapterCache _cache;

    public OrleansStreamsAdapterFactory(string name, OrleansStreamsProviderOptions options, IGrainFactory grains, ILoggerFactory loggerFactory)
    {
        options.Validate(name);
        _name = name;
        _options = options;
        _layout = new PartitionLayout(options);
        _mapper = new PartitionQueueMapper(_layout);
        _client = new StreamClient(grains, options.ClientOptions());
        _loggerFactory = loggerFactory;
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggerFactory);
        ProviderSerializers.Register(name, _client.Serializer);
    }

    /// <summary>The factory of provider <paramref name="name"/>, from its named <see cref="OrleansStreamsProviderOptions"/>.</summary>
    public static OrleansStreamsAdapterFactory Create(IServiceProvider services, string name) => new(
        name,
        services.GetRequiredService<IOptionsMonitor<OrleansStreamsProviderOptions>>().Get(name),
        services.GetRequiredService<IGrainFactory>(),
        services.GetRequiredService<ILoggerFactory>());

    public Task<IQueueAdapter> CreateAdapter() =>
        Task.FromResult<IQueueAdapter>(new OrleansStreamsQueueAdapter(_name, _options, _layout, _mapper, _client, _loggerFactory));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <summary>A failed delivery is logged by Orleans; the entry stays pending in the group and comes again after the next restart of its queue.</summary>
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());
}
