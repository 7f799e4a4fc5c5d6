using OrleansStreams.Streaming;

namespace OrleansStreams.Silo;

public static partial class SiloHosting
{
    /// <summary>The name Orleans code gives <c>GetStreamProvider</c> on a node started with <c>--orleans-streams</c>.</summary>
    public const string StreamProviderName = "orleansstreams";

    /// <summary>
    /// With <see cref="NodeOptions.OrleansStreamsTopics"/> set, the OrleansStreams stream provider over those
    /// topics, and the <c>PubSubStore</c> its explicit subscriptions need on the node's storage.
    /// </summary>
    private static void AddNodeStreamProvider(this ISiloBuilder silo, NodeOptions node)
    {
        var topics = node.StreamTopics();
        if (topics.Count == 0)
        {
            return;
        }
        silo.AddNodeGrainStorage(node, "PubSubStore");
        silo.AddOrleansStreams(StreamProviderName, options =>
        {
            foreach (var (topic, partitions) in topics)
            {
                options.Topics.Add(topic);
                options.Partitions[topic] = partitions;
            }
        });
    }
}
