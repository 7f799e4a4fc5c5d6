namespace OrleansStreams.Client;

/// <summary>How the SDK finds the cluster and how it writes typed values.</summary>
public sealed class OrleansStreamsClientOptions
{
    /// <summary>
    /// <c>localhost</c> (a node on this machine, through <see cref="GatewayPort"/>), <c>static</c> (the nodes named in
    /// <see cref="Gateways"/>, on any host) or <c>redis</c> (membership in <see cref="Redis"/>, which lists every node's
    /// advertised address).
    /// </summary>
    public string Clustering { get; set; } = "localhost";

    /// <summary>
    /// Orleans gateways of nodes on other hosts, each <c>host:port</c> (a node's <c>--advertise</c> address and
    /// <c>--gateway-port</c>), for <c>static</c> clustering; naming any makes <c>localhost</c> clustering <c>static</c>.
    /// </summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>The clustering in effect: <c>localhost</c> with <see cref="Gateways"/> named is <c>static</c>.</summary>
    internal string EffectiveClustering => Clustering == "localhost" && Gateways.Count > 0 ? "static" : Clustering;

    /// <summary>The Orleans gateway port of a node (its <c>--gateway-port</c>), for localhost clustering.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The Redis server holding the membership table, for redis clustering (<c>host:port</c>).</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    public string ClusterId { get; set; } = "orleansstreams";

    public string ServiceId { get; set; } = "orleansstreams";

    /// <summary>The logical database whose keys the streams are (as SELECT; SWAPDB is followed).</summary>
    public int Database { get; set; }

    /// <summary>How typed values become entries: each property a field, or the whole value as JSON in one field.</summary>
    public EntryFormat EntryFormat { get; set; } = EntryFormat.Fields;

    /// <summary>The field that holds the JSON with <see cref="EntryFormat.JsonField"/>.</summary>
    public string JsonFieldName { get; set; } = "data";

    /// <summary>System.Text.Json options for typed values; null: web defaults (camelCase).</summary>
    public System.Text.Json.JsonSerializerOptions? JsonOptions { get; set; }

    /// <summary>How often and how long connecting retries before it gives up.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long reads, tails and consumers keep retrying while a node dies and its streams move to another, before they
    /// give up with <see cref="ClusterUnreachableException"/>.
    /// </summary>
    public TimeSpan FailoverBudget { get; set; } = TimeSpan.FromSeconds(60);

    internal void Validate()
    {
        if (Clustering is not ("localhost" or "static" or "redis"))
        {
            throw new ArgumentException($"Clustering must be 'localhost', 'static' or 'redis', not '{Clustering}'.");
        }
        if (Clustering == "static" && Gateways.Count == 0)
        {
            throw new ArgumentException("Static clustering needs at least one gateway (host:port) in Gateways.");
        }
        foreach (var gateway in Gateways)
        {
            GatewayEndpoints.Parse(gateway);
        }
        if (GatewayPort is < 1 or > 65535)
        {
            throw new ArgumentException($"GatewayPort must be between 1 and 65535, not {GatewayPort}.");
        }
        if (Database is < 0 or > 15)
        {
            throw new ArgumentException($"Database must be between 0 and 15, not {Database}.");
        }
    }
}

/// <summary>How a typed value is stored in an entry.</summary>
public enum EntryFormat
{
    /// <summary>Each top-level JSON property a field: strings as they are, other values as JSON text.</summary>
    Fields,

    /// <summary>The whole value as JSON in one field (<see cref="OrleansStreamsClientOptions.JsonFieldName"/>).</summary>
    JsonField,
}
