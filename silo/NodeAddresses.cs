using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using OrleansStreams.Resp.Server;

namespace OrleansStreams.Silo;

/// <summary>
/// Where the node listens and what it publishes (docs/decisions/0025-bind-and-advertise.md): <c>--bind</c> is the
/// address of all three listeners (RESP, silo port, Orleans gateway); <c>--advertise</c> is the address written in
/// the membership table, which other silos and Orleans clients dial. By default a specific bind address is also the
/// advertised one; a wildcard bind advertises the host's first non-loopback IPv4 address with redis clustering (other
/// hosts must reach it) and loopback with localhost clustering (one machine).
/// </summary>
public sealed record NodeAddresses(IPAddress Bind, IPAddress Advertise)
{
    /// <exception cref="InvalidOperationException"><c>--advertise</c> is not an address, or none can be chosen.</exception>
    public static NodeAddresses Resolve(NodeOptions node, RespGatewayOptions gateway) =>
        Resolve(node, gateway, FirstNonLoopbackIPv4);

    /// <summary><see cref="Resolve(NodeOptions, RespGatewayOptions)"/> with the host's address lookup given (tests).</summary>
    public static NodeAddresses Resolve(NodeOptions node, RespGatewayOptions gateway, Func<IPAddress?> hostAddress)
    {
        var bind = gateway.BindAddress;
        if (!string.IsNullOrEmpty(node.Advertise))
        {
            if (!IPAddress.TryParse(node.Advertise, out var given) || IsWildcard(given))
            {
                throw new InvalidOperationException($"--advertise must be the IP address other hosts reach this node at (e.g. 10.0.0.11), not '{node.Advertise}'.");
            }
            return new(bind, given);
        }
        if (!IsWildcard(bind))
        {
            return new(bind, bind);
        }
        if (node.Clustering != "redis")
        {
            return new(bind, IPAddress.Loopback);
        }
        return new(bind, hostAddress()
            ?? throw new InvalidOperationException($"--bind {gateway.Bind} with --clustering redis: this host has no non-loopback IPv4 address to advertise; pass --advertise ADDR."));
    }

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    /// <summary>The first IPv4 unicast address of an interface that is up and not loopback, in the order the OS lists them.</summary>
    public static IPAddress? FirstNonLoopbackIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
