using System.Net;
using System.Net.Sockets;
using OrleansStreams.Resp.Server;

namespace OrleansStreams.Silo;

/// <summary>
/// Start-up check that the node's three ports are free, so a second node started on a port that is taken stops
/// with one clear line (as redis-server's "Could not create server TCP listening socket") instead of a stack trace —
/// or, for the Orleans ports, instead of sharing them: Orleans' listeners set SO_REUSEPORT (.NET's ReuseAddress on
/// Linux), so a second silo on the same --silo-port starts and the kernel splits connections between two unrelated silos.
/// </summary>
public static class NodePorts
{
    private const int SolSocket = 1;   // Linux SOL_SOCKET
    private const int SoReuseAddr = 2; // Linux SO_REUSEADDR

    /// <exception cref="InvalidOperationException">Two of the ports are the same, or one is already in use.</exception>
    public static void EnsureFree(NodeOptions node, RespGatewayOptions gateway)
    {
        var ports = new (IPAddress Address, int Port, string Option)[]
        {
            (gateway.BindAddress, gateway.Port, "--resp-port"),
            (gateway.BindAddress, node.SiloPort, "--silo-port"),
            (gateway.BindAddress, node.GatewayPort, "--gateway-port"),
        };
        for (var i = 0; i < ports.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (ports[i].Port != 0 && ports[i].Port == ports[j].Port)
                {
                    throw new InvalidOperationException($"{ports[j].Option} and {ports[i].Option} are both {ports[i].Port}; each needs its own port.");
                }
            }
        }
        foreach (var (address, port, option) in ports)
        {
            if (port != 0)
            {
                EnsureFree(address, port, option);
            }
        }
    }

    private static void EnsureFree(IPAddress address, int port, string option)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux())
        {
            // SO_REUSEADDR alone (.NET's ReuseAddress would add SO_REUSEPORT): a port whose connections of a node
            // that just stopped are in TIME_WAIT is free; one a process listens on, with or without SO_REUSEPORT, is not.
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied or SocketError.AddressNotAvailable)
        {
            var why = e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "address already in use (another node or program listens there)",
                SocketError.AccessDenied => "permission denied",
                _ => "address not available on this machine",
            };
            throw new InvalidOperationException($"Could not listen on {address}:{port} ({option}): {why}. Choose another port with {option}.");
        }
    }
}
