namespace OrleansStreams.Silo;

/// <summary>How this node runs: storage, clustering and ports. Bound from the "Node" section.</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>memory, file or redis.</summary>
    public string Storage { get; set; } = "file";

    /// <summary>Folder of the file store.</summary>
    public string Data { get; set; } = "data";

    /// <summary>Redis server for redis storage and redis clustering, host:port.</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>localhost (one machine, development) or redis (several silos share a membership table).</summary>
    public string Clustering { get; set; } = "localhost";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Silo port of the primary silo, for localhost clustering of several silos; by default the node
    /// is its own primary, so a lone node on any silo port starts without waiting for another.
    /// </summary>
    public int? PrimarySiloPort { get; set; }

    public string ClusterId { get; set; } = "orleansstreams";

    public string ServiceId { get; set; } = "orleansstreams";

    /// <summary>Command-line switches and the configuration keys they set.</summary>
    public static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--storage"] = "Node:Storage",
        ["--data"] = "Node:Data",
        ["--redis"] = "Node:Redis",
        ["--clustering"] = "Node:Clustering",
        ["--silo-port"] = "Node:SiloPort",
        ["--gateway-port"] = "Node:GatewayPort",
        ["--primary-silo-port"] = "Node:PrimarySiloPort",
        ["--cluster-id"] = "Node:ClusterId",
        ["--service-id"] = "Node:ServiceId",
        ["--resp-port"] = "Gateway:Port",
        ["--bind"] = "Gateway:Bind",
        ["--requirepass"] = "Gateway:RequirePass",
        ["--maxclients"] = "Gateway:MaxClients",
    };

    public void Validate()
    {
        if (Storage is not ("memory" or "file" or "redis"))
        {
            throw new InvalidOperationException($"--storage must be memory, file or redis, not '{Storage}'.");
        }
        if (Clustering is not ("localhost" or "redis"))
        {
            throw new InvalidOperationException($"--clustering must be localhost or redis, not '{Clustering}'.");
        }
    }
}
