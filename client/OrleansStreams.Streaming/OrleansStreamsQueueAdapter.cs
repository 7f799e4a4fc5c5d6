using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using OrleansStreams.Client;

namespace OrleansStreams.Streaming;

/// <summary>
/// The provider's queues: items sent with <c>OnNextAsync</c> are appended (XADD) to the partition stream
/// of their Orleans stream id, and each partition is read by a <see cref="PartitionReceiver"/>.
/// </summary>
internal sealed class OrleansStreamsQueueAdapter(
    string name, OrleansStreamsProviderOptions options, PartitionLayout layout, PartitionQueueMapper mapper, IStreamClient client, ILoggerFactory loggerFactory) : IQueueAdapter
{
    public string Name => name;

    /// <summary>Subscribers may pass a token: the cache replays what it still holds after it.</summary>
    public bool IsRewindable => true;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    /// <summary>The consumer group of the provider's receivers on every partition stream.</summary>
    public static string GroupName(string providerName) => $"__orleans:{providerName}";

    /// <remarks>The entry IDs are the stream's to choose, so <paramref name="token"/> is ignored, as Redis ignores a client's wish for an ID under <c>*</c>.</remarks>
    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        var topic = streamId.GetNamespace() ?? throw new ArgumentException($"Stream {streamId} has no namespace; the namespace is the topic.", nameof(streamId));
        var key = streamId.GetKeyAsString();
        var partition = layout.For(topic, key);
        var keyField = layout.IsPartitionStream(topic, key) ? null : options.KeyField;
        var entries = events.Select(item => WithKey(Fields(item), keyField, key)).ToList();
        if (entries.Count > 0)
        {
            await client.AddBatchAsync(partition.Stream, entries);
        }
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new PartitionReceiver(client, mapper.PartitionOf(queueId), GroupName(name), name, options, loggerFactory.CreateLogger<PartitionReceiver>());

    /// <summary>A <see cref="StreamMessage"/>'s fields as they are; a field list as it is; anything else through the provider's <see cref="EntrySerializer"/>.</summary>
    private IReadOnlyList<StreamField> Fields<T>(T item) => item is StreamMessage message ? message.Fields : client.Serializer.Serialize(item);

    private static IReadOnlyList<StreamField> WithKey(IReadOnlyList<StreamField> fields, string? keyField, string key)
    {
        if (keyField is null || fields.Any(f => f.Name == keyField))
        {
            return fields;
        }
        return [.. fields, new StreamField(keyField, key)];
    }
}
