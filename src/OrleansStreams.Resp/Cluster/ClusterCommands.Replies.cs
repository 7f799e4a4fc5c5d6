using System.Globalization;
using System.Text;
using OrleansStreams.Cluster;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Cluster;

/// <summary>The topology replies, in Redis 7.0's formats (cluster.c clusterReplySlots, clusterReplyShards, clusterGenNodesDescription).</summary>
public static partial class ClusterCommands
{
    /// <summary>Each range: start, end, and the master as [ip, port, id, {}] (the last a map of extra endpoints, empty).</summary>
    private static Reply Slots(ClusterTopology topology) =>
        Reply.Array(Served(topology).Select(r => Reply.Array(
            Reply.Integer(r.Start),
            Reply.Integer(r.End),
            Reply.Array(Reply.Bulk(r.Node.Host), Reply.Integer(r.Node.Port), Reply.Bulk(r.Node.Id), Reply.Map()))));

    /// <summary>One shard per node: its ranges as a flat list of start and end, and the node as a map.</summary>
    private static Reply Shards(ClusterTopology topology) =>
        Reply.Array(Served(topology).GroupBy(r => r.Node).Select(shard => Reply.Map(
            Reply.Bulk("slots"), Reply.Array(shard.SelectMany(r => new[] { Reply.Integer(r.Start), Reply.Integer(r.End) })),
            Reply.Bulk("nodes"), Reply.Array(Reply.Map(
                Reply.Bulk("id"), Reply.Bulk(shard.Key.Id),
                Reply.Bulk("port"), Reply.Integer(shard.Key.Port),
                Reply.Bulk("ip"), Reply.Bulk(shard.Key.Host),
                Reply.Bulk("endpoint"), Reply.Bulk(shard.Key.Host),
                Reply.Bulk("role"), Reply.Bulk("master"),
                Reply.Bulk("replication-offset"), Reply.Integer(0),
                Reply.Bulk("health"), Reply.Bulk("online"))))));

    /// <summary>One line per node: id, ip:port@bus, flags, master, ping sent, pong received, epoch, link state, slot ranges.</summary>
    private static string Nodes(ClusterTopology topology)
    {
        var ranges = Served(topology).ToLookup(r => r.Node);
        var text = new StringBuilder();
        foreach (var node in topology.Nodes.OfType<ClusterNode>())
        {
            text.Append(CultureInfo.InvariantCulture, $"{node.Id} {node.Host}:{node.Port}@{node.BusPort} {(node.Myself ? "myself,master" : "master")} - 0 0 {node.Epoch} connected");
            foreach (var range in ranges[node])
            {
                text.Append(' ').Append(range.Start.ToString(CultureInfo.InvariantCulture));
                if (range.End != range.Start)
                {
                    text.Append('-').Append(range.End.ToString(CultureInfo.InvariantCulture));
                }
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Info(ClusterTopology topology)
    {
        var known = topology.Nodes.Count(n => n is not null);
        var assigned = Served(topology).Sum(r => r.End - r.Start + 1);
        var myEpoch = topology.Local >= 0 ? topology.Local + 1 : 0;
        return string.Join("\r\n",
            "cluster_state:" + (assigned == HashSlot.Count ? "ok" : "fail"),
            Field("cluster_slots_assigned", assigned),
            Field("cluster_slots_ok", assigned),
            "cluster_slots_pfail:0",
            "cluster_slots_fail:0",
            Field("cluster_known_nodes", known),
            Field("cluster_size", known),
            Field("cluster_current_epoch", topology.Nodes.Count),
            Field("cluster_my_epoch", myEpoch),
            "cluster_stats_messages_sent:0",
            "cluster_stats_messages_received:0",
            "total_cluster_links_buffer_limit_exceeded:0",
            "");

        static string Field(string name, int value) => name + ":" + value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The slot ranges whose owner's RESP address is known, with that owner.</summary>
    private static IEnumerable<(int Start, int End, ClusterNode Node)> Served(ClusterTopology topology) =>
        topology.Table.Ranges().Where(r => topology.Nodes[r.Owner] is not null).Select(r => (r.Start, r.End, topology.Nodes[r.Owner]!));
}
