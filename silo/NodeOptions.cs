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

    /// <summary>
    /// Address published in membership for other silos and clients to dial; empty: the bind address when it is a
    /// specific one, otherwise the host's first non-loopback IPv4 with redis clustering and loopback with localhost
    /// clustering (<see cref="NodeAddresses"/>).
    /// </summary>
    public string? Advertise { get; set; }

    /// <summary>
    /// <c>yes</c>: hosted in Kubernetes — the pod's address, cluster and service ids come from the pod and dead pods
    /// leave membership at once (Microsoft.Orleans.Hosting.Kubernetes); <c>no</c> by default.
    /// </summary>
    public string Kubernetes { get; set; } = "no";

    public bool InKubernetes => Kubernetes == "yes";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Silo port of the primary silo, for localhost clustering of several silos; by default the node
    /// is its own primary, so a lone node on any silo port starts without waiting for another.
    /// </summary>
    public int? PrimarySiloPort { get; set; }

    public string ClusterId { get; set; } = "orleansstreams";

    public string ServiceId { get; set; } = "orleansstreams";

    /// <summary>
    /// Topics the Orleans stream provider <c>orleansstreams</c> serves, comma-separated, each <c>topic</c>
    /// or <c>topic:partitions</c>; empty: no stream provider (docs/orleans-streams.md).
    /// </summary>
    public string? OrleansStreamsTopics { get; set; }

    /// <summary>
    /// Seconds a stop (Ctrl+C, SIGTERM) may take: the host cancels its graceful stop then, and a stop still
    /// running a few seconds later ends the process — e.g. when the Redis server holding the cluster's
    /// membership is gone, Orleans would retry writing the silo's status for ever. Acknowledged writes are
    /// durable before they are acknowledged, so nothing acknowledged is lost.
    /// </summary>
    public int StopTimeout { get; set; } = 20;

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
        ["--orleans-streams"] = "Node:OrleansStreamsTopics",
        ["--stop-timeout"] = "Node:StopTimeout",
        ["--resp-port"] = "Gateway:Port",
        ["--bind"] = "Gateway:Bind",
        ["--advertise"] = "Node:Advertise",
        ["--kubernetes"] = "Node:Kubernetes",
        ["--requirepass"] = "Gateway:RequirePass",
        ["--maxclients"] = "Gateway:MaxClients",
        ["--cluster-enabled"] = "Gateway:ClusterEnabled",
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
        if (Kubernetes is not ("yes" or "no"))
        {
            throw new InvalidOperationException($"--kubernetes must be yes or no, not '{Kubernetes}'.");
        }
        if (InKubernetes && Clustering != "redis")
        {
            throw new InvalidOperationException("--kubernetes yes needs --clustering redis (the pods share the membership table in Redis).");
        }
        if (StopTimeout < 1)
        {
            throw new InvalidOperationException($"--stop-timeout must be a number of seconds from 1, not '{StopTimeout}'.");
        }
        StreamTopics();
    }

    /// <summary>The topics of <see cref="OrleansStreamsTopics"/> with their partition counts.</summary>
    /// <exception cref="InvalidOperationException">A topic is empty, listed twice, or has a partition count that is not a number from 1.</exception>
    public IReadOnlyList<(string Topic, int Partitions)> StreamTopics()
    {
        var topics = new List<(string Topic, int Partitions)>();
        foreach (var item in (OrleansStreamsTopics ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = item.LastIndexOf(':');
            var (topic, partitions) = colon < 0 ? (item, 1) : (item[..colon], ParsePartitions(item[(colon + 1)..], item));
            if (topic.Length == 0 || topics.Exists(t => t.Topic == topic))
            {
                throw new InvalidOperationException($"--orleans-streams: '{item}' names no topic or one listed before.");
            }
            topics.Add((topic, partitions));
        }
        return topics;
    }

    private static int ParsePartitions(string text, string item) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new InvalidOperationException($"--orleans-streams: the partitions of '{item}' must be a number from 1, not '{text}'.");
}
