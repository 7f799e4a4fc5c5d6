using System.Globalization;
using Microsoft.Extensions.Options;
using OrleansStreams.Streams;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// The parameters CONFIG GET / SET answer, with Redis 7's names and defaults. Values that this
/// server acts on come from <see cref="RespGatewayOptions"/>; the rest are answered so that tools which
/// read them work, and changing them has no effect (documented in docs/configuration.md).
/// </summary>
public sealed class ServerConfig
{
    /// <summary>Numeric parameters: whether Redis reads them as memory values (<c>4kb</c>, <c>1gb</c>…) and their bounds (checked against redis-server 7.0.15 where given).</summary>
    private static readonly Dictionary<string, (bool Memory, long Min, long Max)> Numbers = new(StringComparer.Ordinal)
    {
        ["maxclients"] = (false, long.MinValue, long.MaxValue),
        ["databases"] = (false, long.MinValue, long.MaxValue),
        ["port"] = (false, long.MinValue, long.MaxValue),
        ["timeout"] = (false, long.MinValue, long.MaxValue),
        ["tcp-keepalive"] = (false, long.MinValue, long.MaxValue),
        ["stream-node-max-entries"] = (false, 0, long.MaxValue),
        ["stream-node-max-bytes"] = (true, 0, long.MaxValue),
        ["proto-max-bulk-len"] = (true, 1024 * 1024, long.MaxValue),
        ["client-query-buffer-limit"] = (true, 1024 * 1024, long.MaxValue),
        ["maxmemory"] = (true, 0, long.MaxValue),
        ["slowlog-log-slower-than"] = (false, long.MinValue, long.MaxValue),
        ["slowlog-max-len"] = (false, long.MinValue, long.MaxValue),
        ["hz"] = (false, long.MinValue, long.MaxValue),
        ["list-max-listpack-size"] = (false, long.MinValue, long.MaxValue),
        ["hash-max-listpack-entries"] = (false, 0, long.MaxValue),
        ["hash-max-listpack-value"] = (true, 0, long.MaxValue),
        ["set-max-intset-entries"] = (false, long.MinValue, long.MaxValue),
        ["latency-monitor-threshold"] = (false, long.MinValue, long.MaxValue),
        ["active-expire-effort"] = (false, long.MinValue, long.MaxValue),
    };

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
        Set("cluster-enabled", o.IsClusterEnabled ? "yes" : "no");
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
        if (Numbers.TryGetValue(name, out var number))
        {
            var failed = $"ERR CONFIG SET failed (possibly related to argument '{name}') - ";
            long parsed;
            if (number.Memory)
            {
                if (!TryParseMemory(value, out parsed))
                {
                    return failed + "argument must be a memory value";
                }
            }
            else if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsed))
            {
                return failed + "argument couldn't be parsed into an integer";
            }
            if (parsed < number.Min || parsed > number.Max)
            {
                return failed + $"argument must be between {number.Min} and {number.Max} inclusive";
            }
            // CONFIG GET answers the number ("4kb" reads back as 4096).
            value = parsed.ToString(CultureInfo.InvariantCulture);
        }
        Set(name, value);
        return null;
    }

    /// <summary>Where a new stream node starts, as <c>stream-node-max-entries</c> and <c>-bytes</c> now say.</summary>
    public StreamNodeLimits StreamNodeLimits { get; private set; } = StreamNodeLimits.Default;

    /// <summary>Redis' memtoull: digits with an optional unit b, k, kb, m, mb, g, gb (any case).</summary>
    private static bool TryParseMemory(string value, out long bytes)
    {
        bytes = 0;
        var digits = 0;
        while (digits < value.Length && char.IsAsciiDigit(value[digits]))
        {
            digits++;
        }
        long unit = value[digits..].ToLowerInvariant() switch
        {
            "" or "b" => 1,
            "k" => 1000,
            "kb" => 1024,
            "m" => 1000 * 1000,
            "mb" => 1024 * 1024,
            "g" => 1000L * 1000 * 1000,
            "gb" => 1024L * 1024 * 1024,
            _ => 0,
        };
        if (digits == 0 || unit == 0 || !ulong.TryParse(value.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }
        var total = n * (ulong)unit;
        if (n != 0 && total / n != (ulong)unit)
        {
            return false;
        }
        bytes = unchecked((long)total);
        return true;
    }

    private void Set(string name, string value)
    {
        _values[name] = value;
        if (name is "stream-node-max-entries" or "stream-node-max-bytes")
        {
            StreamNodeLimits = new StreamNodeLimits(
                long.Parse(Get("stream-node-max-entries") ?? "100", CultureInfo.InvariantCulture),
                long.Parse(Get("stream-node-max-bytes") ?? "4096", CultureInfo.InvariantCulture));
        }
    }
}
