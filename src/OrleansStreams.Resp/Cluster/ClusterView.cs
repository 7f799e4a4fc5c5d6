using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;
using OrleansStreams.Cluster;
using OrleansStreams.Resp.Server;

namespace OrleansStreams.Resp.Cluster;

/// <summary>
/// The gateway's view of the cluster for the Redis Cluster protocol: the silo's <see cref="SlotOwnership"/>
/// with every owner's RESP address (its silo address and the port from its metadata). Rebuilt when the slot
/// table changes, and while a node's metadata is missing; otherwise one volatile read per request.
/// </summary>
public sealed class ClusterView
{
    private readonly IServiceProvider _services;
    private readonly RespGatewayOptions _options;
    private volatile ClusterTopology? _topology;
    private SlotTable? _alone;

    public ClusterView(IServiceProvider services, IOptions<RespGatewayOptions> options)
    {
        _services = services;
        _options = options.Value;
        Enabled = _options.IsClusterEnabled;
    }

    /// <summary>True when the gateway speaks the Redis Cluster protocol (<c>--cluster-enabled yes</c>).</summary>
    public bool Enabled { get; }

    /// <summary>The current topology.</summary>
    public ClusterTopology Current
    {
        get
        {
            var ownership = _services.GetService<SlotOwnership>();
            var table = ownership?.Table ?? SlotTable.Empty;
            if (table.Nodes.Count == 0)
            {
                // Before the silo is active (or without slot ownership) it serves every slot, as a lone node.
                table = _alone ??= SlotTable.Assign([LocalNode(ownership)]);
            }
            var topology = _topology;
            if (topology is not null && ReferenceEquals(topology.Table, table) && topology.Complete)
            {
                return topology;
            }
            return _topology = Build(table, LocalNode(ownership));
        }
    }

    private string LocalNode(SlotOwnership? ownership) =>
        ownership?.LocalNode is { Length: > 0 } name ? name : _services.GetService<ILocalSiloDetails>()?.SiloAddress.Endpoint.ToString() ?? "local";

    private ClusterTopology Build(SlotTable table, string localNode)
    {
        var members = _services.GetService<IClusterMembershipService>()?.CurrentSnapshot.Members.Keys.ToList() ?? [];
        if (_services.GetService<ILocalSiloDetails>()?.SiloAddress is { } self && !members.Contains(self))
        {
            members.Add(self);
        }
        var metadata = _services.GetService<ISiloMetadataCache>();
        var nodes = new ClusterNode?[table.Nodes.Count];
        var local = -1;
        for (var i = 0; i < nodes.Length; i++)
        {
            var silo = members.Where(m => m.Endpoint.ToString() == table.Nodes[i]).MaxBy(m => m.Generation);
            if (silo is null)
            {
                continue;
            }
            var myself = table.Nodes[i] == localNode;
            local = myself ? i : local;
            var port = myself ? _options.Port
                : metadata?.GetSiloMetadata(silo).Metadata.TryGetValue(RespEndpointMetadata.PortKey, out var text) == true && int.TryParse(text, out var p) ? p
                : -1;
            nodes[i] = port < 0 ? null : new ClusterNode(silo.Endpoint.Address.ToString(), port, silo.Endpoint.Port, i + 1, myself);
        }
        return new ClusterTopology(table, nodes, local);
    }
}
