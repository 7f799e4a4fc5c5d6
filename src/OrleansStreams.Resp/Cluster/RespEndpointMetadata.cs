using Orleans.Runtime.MembershipService.SiloMetadata;
using OrleansStreams.Resp.Server;

namespace OrleansStreams.Resp.Cluster;

/// <summary>
/// Each silo publishes its RESP port in Orleans silo metadata, fetched by every other silo once when it
/// joins membership (never per request); with the silo's own address it names the node in MOVED and CLUSTER replies.
/// </summary>
public static class RespEndpointMetadata
{
    public const string PortKey = "orleansstreams.resp-port";

    /// <summary>Publishes the gateway's port when the gateway speaks the cluster protocol.</summary>
    public static ISiloBuilder PublishRespEndpoint(this ISiloBuilder silo, RespGatewayOptions gateway) =>
        gateway.IsClusterEnabled
            ? silo.UseSiloMetadata(new Dictionary<string, string> { [PortKey] = gateway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            : silo;
}
