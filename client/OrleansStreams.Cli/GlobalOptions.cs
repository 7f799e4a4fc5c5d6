using System.CommandLine;
using OrleansStreams.Client;

namespace OrleansStreams.Cli;

/// <summary>The options every verb takes: where the cluster is, which database, and JSON output.</summary>
internal static class GlobalOptions
{
    public static readonly Option<int> GatewayPort = new("--gateway-port")
    {
        Description = "Orleans gateway port of a node (its --gateway-port), for localhost clustering",
        DefaultValueFactory = _ => 30000,
        Recursive = true,
    };

    public static readonly Option<string[]> Gateway = new("--gateway")
    {
        Description = "host:port of a node's Orleans gateway on any host (its --advertise address and --gateway-port); repeat or separate with commas for several nodes",
        AllowMultipleArgumentsPerToken = false,
        Recursive = true,
    };

    public static readonly Option<string> Clustering = new("--clustering")
    {
        Description = "localhost (a node on this machine), static (the nodes named by --gateway) or redis (membership in --redis)",
        DefaultValueFactory = _ => "localhost",
        Recursive = true,
    };

    public static readonly Option<string> Redis = new("--redis")
    {
        Description = "host:port of the Redis server holding the membership table, with --clustering redis",
        DefaultValueFactory = _ => "127.0.0.1:6379",
        Recursive = true,
    };

    public static readonly Option<string> ClusterId = new("--cluster-id")
    {
        Description = "Orleans cluster id of the nodes (their --cluster-id)",
        DefaultValueFactory = _ => "orleansstreams",
        Recursive = true,
    };

    public static readonly Option<string> ServiceId = new("--service-id")
    {
        Description = "Orleans service id of the nodes (their --service-id)",
        DefaultValueFactory = _ => "orleansstreams",
        Recursive = true,
    };

    public static readonly Option<int> Database = new("--db")
    {
        Description = "logical database (0-15) whose keys the streams are",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "print one machine-readable JSON document instead of text and tables",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        Clustering.AcceptOnlyFromAmong("localhost", "static", "redis");
        OptionRules.InRange(GatewayPort, 1, 65535);
        OptionRules.InRange(Database, 0, 15);
        root.Options.Add(GatewayPort);
        root.Options.Add(Gateway);
        root.Options.Add(Clustering);
        root.Options.Add(Redis);
        root.Options.Add(ClusterId);
        root.Options.Add(ServiceId);
        root.Options.Add(Database);
        root.Options.Add(Json);
    }

    /// <summary>The SDK options the command line describes.</summary>
    public static void Configure(ParseResult parse, OrleansStreamsClientOptions options)
    {
        options.GatewayPort = parse.GetValue(GatewayPort);
        options.Clustering = parse.GetValue(Clustering)!;
        foreach (var gateway in (parse.GetValue(Gateway) ?? []).SelectMany(g => g.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            options.Gateways.Add(gateway);
        }
        options.Redis = parse.GetValue(Redis)!;
        options.ClusterId = parse.GetValue(ClusterId)!;
        options.ServiceId = parse.GetValue(ServiceId)!;
        options.Database = parse.GetValue(Database);
    }
}
