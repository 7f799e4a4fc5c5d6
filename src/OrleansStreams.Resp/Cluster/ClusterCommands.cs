using System.Globalization;
using System.Text;
using OrleansStreams.Cluster;
using OrleansStreams.Grains;
using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Commands;

namespace OrleansStreams.Resp.Cluster;

/// <summary>
/// CLUSTER (https://redis.io/docs/latest/commands/cluster/), ASKING, READONLY and READWRITE. With
/// <c>--cluster-enabled yes</c> they answer as a Redis 7.0 cluster node whose slots are the silo's; without it,
/// as a standalone Redis: cluster support disabled.
/// </summary>
public static partial class ClusterCommands
{
    public static void Register(CommandRegistry registry)
    {
        registry.Local("CLUSTER", Cluster);
        registry.Local("ASKING", Accepted);
        registry.Local("READONLY", Accepted);
        registry.Local("READWRITE", Accepted);
    }

    private static ValueTask<Reply> Result(Reply reply) => ValueTask.FromResult(reply);

    private static ValueTask<Reply> Accepted(CommandContext context, byte[][] args) =>
        Result(context.Services.Cluster.Enabled ? Reply.Ok : Reply.Error(RedisErrors.ClusterDisabled));

    private static ValueTask<Reply> Cluster(CommandContext context, byte[][] args)
    {
        var view = context.Services.Cluster;
        if (!view.Enabled)
        {
            return Result(Reply.Error(RedisErrors.ClusterDisabled));
        }
        var sub = Encoding.UTF8.GetString(args[1]).ToUpperInvariant();
        return sub switch
        {
            "KEYSLOT" when args.Length == 3 => Result(Reply.Integer(HashSlot.Of(args[2]))),
            "MYID" when args.Length == 2 => Result(Reply.Bulk(Myself(view.Current).Id)),
            "INFO" when args.Length == 2 => Result(Reply.Verbatim(Info(view.Current))),
            "SLOTS" when args.Length == 2 => Result(Slots(view.Current)),
            "SHARDS" when args.Length == 2 => Result(Shards(view.Current)),
            "NODES" when args.Length == 2 => Result(Reply.Verbatim(Nodes(view.Current))),
            "COUNTKEYSINSLOT" when args.Length == 3 => CountKeysInSlot(context, args[2]),
            "GETKEYSINSLOT" when args.Length == 4 => GetKeysInSlot(context, args[2], args[3]),
            "HELP" when args.Length == 2 => Result(Reply.Array(Help.Select(line => Reply.Simple(line)))),
            "KEYSLOT" or "MYID" or "INFO" or "SLOTS" or "SHARDS" or "NODES" or "COUNTKEYSINSLOT" or "GETKEYSINSLOT" or "HELP" =>
                Result(Reply.Error(RedisErrors.WrongArity("cluster|" + sub.ToLowerInvariant()))),
            _ => Result(Reply.Error(RedisErrors.UnknownSubcommand(Encoding.UTF8.GetString(args[1]), "CLUSTER"))),
        };
    }

    private static ClusterNode Myself(ClusterTopology topology) =>
        topology.Local >= 0 && topology.Nodes[topology.Local] is { } node ? node : throw new InvalidOperationException("This silo is not in its own slot table yet.");

    private static async ValueTask<Reply> CountKeysInSlot(CommandContext context, byte[] slotArg)
    {
        if (!long.TryParse(slotArg, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var slot))
        {
            return Reply.Error(RedisErrors.NotInteger);
        }
        if (slot is < 0 or >= HashSlot.Count)
        {
            return Reply.Error(RedisErrors.InvalidSlot);
        }
        return Reply.Integer((await KeysInSlot(context, (int)slot, int.MaxValue)).Count);
    }

    private static async ValueTask<Reply> GetKeysInSlot(CommandContext context, byte[] slotArg, byte[] countArg)
    {
        if (!long.TryParse(slotArg, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var slot)
            || !long.TryParse(countArg, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            return Reply.Error(RedisErrors.NotInteger);
        }
        if (slot is < 0 or >= HashSlot.Count || count < 0)
        {
            return Reply.Error(RedisErrors.InvalidSlotOrCount);
        }
        return Reply.BulkArray(await KeysInSlot(context, (int)slot, (int)Math.Min(count, int.MaxValue)));
    }

    /// <summary>Up to <paramref name="max"/> keys of <paramref name="slot"/> that this node serves: none when another node owns the slot.</summary>
    private static async Task<List<byte[]>> KeysInSlot(CommandContext context, int slot, int max)
    {
        if (context.Services.Cluster.Current.RedirectFor(slot) is not null)
        {
            return [];
        }
        var results = await context.Grains.GetGrain<IDatabaseGrain>(context.PhysicalDb).Execute(new([new KeyspaceOperation.KeysMatching("*"u8.ToArray())]));
        return results[0] is KeyspaceResult.Values values
            ? values.Items.OfType<byte[]>().Where(k => HashSlot.Of(k) == slot).Take(max).ToList()
            : [];
    }

    private static readonly string[] Help =
    [
        "CLUSTER <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "COUNTKEYSINSLOT <slot>",
        "    Return the number of keys in <slot>.",
        "GETKEYSINSLOT <slot> <count>",
        "    Return key names stored by current node in a slot.",
        "INFO",
        "    Return information about the cluster.",
        "KEYSLOT <key>",
        "    Return the hash slot for <key>.",
        "MYID",
        "    Return the node id.",
        "NODES",
        "    Return cluster configuration seen by node. Output format:",
        "    <id> <ip:port> <flags> <master> <pings> <pongs> <epoch> <link> <slot> ...",
        "SHARDS",
        "    Return information about slot range mappings and the nodes associated with them.",
        "SLOTS",
        "    Return information about slots range mappings. Each range is made of:",
        "    start, end, master and replicas IP addresses, ports and ids",
        "HELP",
        "    Prints this help.",
    ];
}
