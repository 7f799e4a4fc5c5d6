using OrleansStreams.Partitioning;

namespace OrleansStreams.Streaming;

/// <summary>
/// The partitions of a provider's topics and which partition an Orleans stream id writes to: a key that
/// names one of the topic's partition streams is that partition, any other key goes where
/// <see cref="KeyPartitioner.PartitionOf"/> puts it (the rule every writer of a partitioned topic shares).
/// </summary>
internal sealed class PartitionLayout
{
    private readonly Dictionary<string, TopicPartition[]> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Topic, string Stream), TopicPartition> _byStream = [];

    public PartitionLayout(OrleansStreamsProviderOptions options)
    {
        foreach (var topic in options.Topics)
        {
            var count = options.PartitionsOf(topic);
            _topics[topic] = count == 1
                ? [new(topic, 0, topic)]
                : [.. Enumerable.Range(0, count).Select(i => new TopicPartition(topic, i, KeyPartitioner.PartitionStream(topic, i)))];
        }
        All = [.. _topics.Values.SelectMany(p => p)];
        foreach (var p in All)
        {
            _byStream[(p.Topic, p.Stream)] = p;
        }
    }

    /// <summary>Every partition of every topic, topic by topic.</summary>
    public IReadOnlyList<TopicPartition> All { get; }

    /// <summary>The partition an item of stream <paramref name="key"/> in <paramref name="topic"/> is written to.</summary>
    /// <exception cref="ArgumentException">The provider does not serve <paramref name="topic"/>.</exception>
    public TopicPartition For(string topic, string key)
    {
        if (!_topics.TryGetValue(topic, out var partitions))
        {
            throw new ArgumentException($"Topic '{topic}' is not one of this stream provider's topics ({string.Join(", ", _topics.Keys)}).", nameof(topic));
        }
        return _byStream.GetValueOrDefault((topic, key)) ?? partitions[partitions.Length == 1 ? 0 : KeyPartitioner.PartitionOf(key, partitions.Length)];
    }

    /// <summary>True when <paramref name="key"/> is the name of one of <paramref name="topic"/>'s partition streams.</summary>
    public bool IsPartitionStream(string topic, string key) => _byStream.ContainsKey((topic, key));
}
