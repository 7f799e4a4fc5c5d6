namespace OrleansStreams.Streaming;

/// <summary>One partition of a topic: the stream that holds it (<c>orders</c>, or <c>orders:3</c> of a partitioned topic).</summary>
/// <param name="Topic">The topic, which is the Orleans stream namespace.</param>
/// <param name="Index">0 … partitions − 1.</param>
/// <param name="Stream">The stream's key, as redis-cli names it.</param>
public sealed record TopicPartition(string Topic, int Index, string Stream);
