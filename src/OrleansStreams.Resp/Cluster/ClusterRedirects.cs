using OrleansStreams.Cluster;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Commands;

namespace OrleansStreams.Resp.Cluster;

/// <summary>
/// Redis Cluster's check before a keyed command runs (cluster.c getNodeByQuery): keys in more than one slot
/// are refused with CROSSSLOT, and a slot another node owns is answered with MOVED to that node.
/// </summary>
public static class ClusterRedirects
{
    /// <summary>The error that stops the command, or null when this node serves it.</summary>
    public static Reply? Check(ClusterView view, CommandInfo info, byte[][] args)
    {
        var slot = -1;
        foreach (var position in CommandKeys.Positions(info, args))
        {
            var keySlot = HashSlot.Of(args[position]);
            if (slot >= 0 && keySlot != slot)
            {
                return Reply.Error(RedisErrors.CrossSlot);
            }
            slot = keySlot;
        }
        return slot >= 0 && view.Current.RedirectFor(slot) is { } owner
            ? Reply.Error(RedisErrors.Moved(slot, owner.Host, owner.Port))
            : null;
    }
}
