using System.Security.Cryptography;
using System.Text;

namespace OrleansStreams.Resp.Cluster;

/// <summary>
/// One silo as Redis Cluster clients see it: its RESP address, the 40-hex-digit node id of that address, and
/// its cluster bus port (the Orleans silo port; clients only display it).
/// </summary>
public sealed record ClusterNode(string Host, int Port, int BusPort, int Epoch, bool Myself)
{
    /// <summary>SHA-1 of <c>host:port</c> in lower-case hex: 40 characters as Redis' node ids, the same for a node's address on every silo and after restarts.</summary>
#pragma warning disable CA5350 // Not for security: SHA-1 only because its digest is 40 hex digits, the shape of a Redis node id.
    public string Id { get; } = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{Host}:{Port}")));
#pragma warning restore CA5350
}
