using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansStreams.Client;

/// <summary>Orleans gateway addresses as users write them: <c>host:port</c>, the host an IP address or a name.</summary>
internal static class GatewayEndpoints
{
    /// <exception cref="ArgumentException"><paramref name="text"/> is not host:port with a port from 1 to 65535.</exception>
    public static (string Host, int Port) Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon].Trim('[', ']') : "";
        if (host.Length == 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"A gateway must be host:port (a node's --advertise address and --gateway-port, e.g. 10.0.0.11:30000), not '{text}'.");
        }
        return (host, port);
    }

    /// <summary>The endpoint of <paramref name="text"/>, resolving a host name to its first IPv4 (else any) address.</summary>
    public static IPEndPoint Resolve(string text)
    {
        var (host, port) = Parse(text);
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }
        var addresses = Dns.GetHostAddresses(host);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new ArgumentException($"The gateway host '{host}' has no address.");
        return new IPEndPoint(chosen, port);
    }
}
