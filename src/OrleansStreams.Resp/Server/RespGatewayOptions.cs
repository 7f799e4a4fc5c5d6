using System.Net;

namespace OrleansStreams.Resp.Server;

/// <summary>Settings of the RESP gateway; bound from configuration and validated at start-up.</summary>
public sealed class RespGatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Address the gateway listens on (an IP address, as Redis' bind).</summary>
    public string Bind { get; set; } = "127.0.0.1";

    /// <summary><see cref="Bind"/> as an address; valid once <see cref="Validate"/> has passed.</summary>
    public IPAddress BindAddress => IPAddress.Parse(Bind);

    /// <summary>TCP port of the RESP gateway (Redis' 6379 is left to Redis).</summary>
    public int Port { get; set; } = 6380;

    /// <summary>Password of the default user, as Redis' requirepass; empty for none.</summary>
    public string? RequirePass { get; set; }

    /// <summary>Most simultaneous clients (Redis' maxclients).</summary>
    public int MaxClients { get; set; } = 10000;

    /// <summary>Largest bulk string accepted (Redis' proto-max-bulk-len).</summary>
    public long MaxBulkLength { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest unparsed input kept per client (Redis' client-query-buffer-limit).</summary>
    public long QueryBufferLimit { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Number of logical databases (Redis' databases).</summary>
    public int Databases { get; set; } = 16;

    /// <summary>
    /// <c>yes</c> to speak the Redis Cluster protocol (CLUSTER SLOTS/SHARDS/NODES, MOVED, CROSSSLOT) so cluster-aware
    /// clients send each key to its slot's owner; <c>no</c> (default): a plain Redis endpoint that serves every key.
    /// </summary>
    public string ClusterEnabled { get; set; } = "no";

    /// <summary><see cref="ClusterEnabled"/> as a switch.</summary>
    public bool IsClusterEnabled => string.Equals(ClusterEnabled, "yes", StringComparison.OrdinalIgnoreCase);

    public void Validate()
    {
        if (!string.Equals(ClusterEnabled, "no", StringComparison.OrdinalIgnoreCase) && !IsClusterEnabled)
        {
            throw new InvalidOperationException($"--cluster-enabled must be yes or no, not '{ClusterEnabled}'.");
        }
        if (!IPAddress.TryParse(Bind, out _))
        {
            throw new InvalidOperationException($"--bind must be an IP address (e.g. 127.0.0.1 or 0.0.0.0), not '{Bind}'.");
        }
        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Gateway port {Port} is out of range.");
        }
        if (MaxClients < 1 || Databases < 1 || MaxBulkLength < 1)
        {
            throw new InvalidOperationException("Gateway limits must be positive.");
        }
    }
}
