using Orleans.Runtime;
using Orleans.Streams;

namespace OrleansStreams.Streaming;

/// <summary>
/// One Orleans queue per partition stream. Queues sit at even points of the consistent ring, so Orleans'
/// default (consistent-ring) balancer spreads the partitions over the silos.
/// </summary>
internal sealed class PartitionQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly PartitionLayout _layout;
    private readonly QueueId[] _queues;
    private readonly Dictionary<QueueId, TopicPartition> _partitions = [];
    private readonly Dictionary<TopicPartition, QueueId> _queueOf = [];

    public PartitionQueueMapper(PartitionLayout layout)
    {
        _layout = layout;
        var all = layout.All;
        var spacing = (uint)((1UL << 32) / (ulong)all.Count);
        _queues = new QueueId[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            var partition = all[i];
            _queues[i] = QueueId.GetQueueId(partition.Topic, (uint)partition.Index, spacing * (uint)i);
            _partitions[_queues[i]] = partition;
            _queueOf[partition] = _queues[i];
        }
    }

    public IEnumerable<QueueId> GetAllQueues() => _queues;

    public QueueId GetQueueForStream(StreamId streamId) =>
        _queueOf[_layout.For(streamId.GetNamespace() ?? "", streamId.GetKeyAsString())];

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => [.. _queues.Where(q => range.InRange(q.GetUniformHashCode()))];

    /// <summary>The partition stream a queue reads.</summary>
    public TopicPartition PartitionOf(QueueId queue) => _partitions[queue];
}
