using System.Globalization;
using Microsoft.Extensions.Options;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// The parameters CONFIG GET / SET answer, with Redis 7's names and defaults. Values that this
/// server acts on come from <see cref="RespGatewayOptions"/>; the rest are answered so that tools which
/// read them work, and changing them has no effect (documented in docs/configuration.md).
/// </summary>
public sealed class ServerConfig
{
    private static readonly HashSet<string> Integers =
    [
        "maxclients", "databases", "port", "timeout", "tcp-keepalive", "stream-node-max-entries", "stream-node-max-bytes",
        "proto-max-bulk-len", "client-query-buffer-limit", "maxmemory", "slowlog-log-slower-than", "slowlog-max-len",
        "hz", "list-max-listpack-size", "hash-max-listpack-entries", "hash-max-listpack-value", "set-max-intset-entries",
        "latency-monitor-threshold", "active-expire-effort",
    ];

    private static readonly HashSet<string> Immutable = ["databases", "port", "bind", "daemonize", "dir", "logfile", "pidfile", "unixsocket", "cluster-enabled"];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public ServerConfig(IOptions<RespGatewayOptions> options)
    {
        var o = options.Value;
        Set("bind", o.Bind);
        Set("port", o.Port.ToString(CultureInfo.InvariantCulture));
        Set("requirepass", o.RequirePass ?? "");
        Set("maxclients", o.MaxClients.ToString(CultureInfo.InvariantCulture));
        Set("databases", o.Databases.ToString(CultureInfo.InvariantCulture));
        Set("proto-max-bulk-len", o.MaxBulkLength.ToString(CultureInfo.InvariantCulture));
        Set("client-query-buffer-limit", o.QueryBufferLimit.ToString(CultureInfo.InvariantCulture));
        Set("stream-node-max-entries", "100");
        Set("stream-node-max-bytes", "4096");
        Set("timeout", "0");
        Set("tcp-keepalive", "300");
        Set("maxmemory", "0");
        Set("maxmemory-policy", "noeviction");
        Set("save", "");
        Set("appendonly", "no");
        Set("appendfsync", "everysec");
        Set("notify-keyspace-events", "");
        Set("slowlog-log-slower-than", "10000");
        Set("slowlog-max-len", "128");
        Set("hz", "10");
        Set("list-max-listpack-size", "-2");
        Set("hash-max-listpack-entries", "128");
        Set("hash-max-listpack-value", "64");
        Set("set-max-intset-entries", "512");
        Set("latency-monitor-threshold", "0");
        Set("active-expire-effort", "1");
        Set("cluster-enabled", "no");
        Set("daemonize", "no");
        Set("dir", Directory.GetCurrentDirectory());
        Set("lua-time-limit", "5000");
        Set("busy-reply-threshold", "5000");
        Set("enable-debug-command", "no");
    }

    public IEnumerable<KeyValuePair<string, string>> Matching(byte[] pattern) =>
        _values.Where(kv => Keyspace.Glob.IsMatch(pattern, System.Text.Encoding.UTF8.GetBytes(kv.Key), true)).OrderBy(kv => kv.Key, StringComparer.Ordinal);

    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>CONFIG SET's checks: an error text, or null once the value is stored.</summary>
    public string? TrySet(string name, string value)
    {
        if (!_values.ContainsKey(name) || Immutable.Contains(name))
        {
            return Immutable.Contains(name)
                ? $"ERR CONFIG SET failed (possibly related to argument '{name}') - can't set immutable config"
                : $"ERR Unknown option or number of arguments for CONFIG SET - '{name}'";
        }
        if (Integers.Contains(name) && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return $"ERR CONFIG SET failed (possibly related to argument '{name}') - argument couldn't be parsed into an integer";
        }
        Set(name, value);
        return null;
    }

    private void Set(string name, string value) => _values[name] = value;
}
