using OrleansStreams.Replies;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OrleansStreams.Grains;

namespace OrleansStreams.Resp.Commands;

/// <summary>Builds INFO's text with Redis 7's sections and field names.</summary>
public static partial class InfoBuilder
{
    private static readonly string[] DefaultSections = ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "errorstats", "cluster", "keyspace"];
    private static readonly string[] AllSections = ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "commandstats", "errorstats", "cluster", "keyspace", "consumergroups", "pipelines"];

    /// <summary>INFO consumergroups looks at this many stream keys per database at most.</summary>
    private const int MaxStreamsForHealth = 1000;

    public static async Task<string> BuildAsync(CommandContext context, ISet<string> requested)
    {
        IEnumerable<string> sections = requested.Count == 0 || requested.Contains("default") ? DefaultSections
            : requested.Contains("all") || requested.Contains("everything") ? AllSections
            : AllSections.Where(requested.Contains);
        var sb = new StringBuilder();
        foreach (var section in sections)
        {
            if (sb.Length > 0)
            {
                sb.Append("\r\n");
            }
            sb.Append("# ").Append(char.ToUpperInvariant(section[0])).Append(section.AsSpan(1)).Append("\r\n");
            await Append(context, section, sb);
        }
        return sb.ToString();
    }

    private static async Task Append(CommandContext context, string section, StringBuilder sb)
    {
        var services = context.Services;
        var stats = services.Stats;
        var process = Process.GetCurrentProcess();
        void Field(string name, object value) => sb.Append(name).Append(':').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append("\r\n");
        switch (section)
        {
            case "server":
                var uptime = (long)(DateTimeOffset.UtcNow - stats.StartTime).TotalSeconds;
                Field("redis_version", ConnectionCommands.RedisVersion);
                Field("redis_git_sha1", "00000000");
                Field("redis_git_dirty", 0);
                Field("redis_build_id", "orleansstreams");
                Field("redis_mode", context.Services.Cluster.Enabled ? "cluster" : "standalone");
                Field("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription);
                Field("arch_bits", IntPtr.Size * 8);
                Field("multiplexing_api", "epoll");
                Field("process_id", Environment.ProcessId);
                Field("run_id", RunId);
                Field("tcp_port", services.Options.Port);
                Field("server_time_usec", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
                Field("uptime_in_seconds", uptime);
                Field("uptime_in_days", uptime / 86400);
                Field("hz", 10);
                Field("executable", Environment.ProcessPath ?? "");
                Field("config_file", "");
                Field("orleansstreams_version", typeof(InfoBuilder).Assembly.GetName().Version?.ToString() ?? "0");
                break;
            case "clients":
                Field("connected_clients", services.Clients.Count);
                Field("cluster_connections", 0);
                Field("maxclients", services.Options.MaxClients);
                Field("client_recent_max_input_buffer", 0);
                Field("client_recent_max_output_buffer", 0);
                Field("blocked_clients", services.Clients.BlockedCount);
                Field("tracking_clients", 0);
                Field("clients_in_timeout_table", services.Clients.BlockedCount);
                break;
            case "memory":
                var used = GC.GetTotalMemory(false);
                Field("used_memory", used);
                Field("used_memory_human", Human(used));
                Field("used_memory_rss", process.WorkingSet64);
                Field("used_memory_rss_human", Human(process.WorkingSet64));
                Field("used_memory_peak", process.PeakWorkingSet64);
                Field("used_memory_peak_human", Human(process.PeakWorkingSet64));
                Field("total_system_memory", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
                Field("maxmemory", 0);
                Field("maxmemory_human", "0B");
                Field("maxmemory_policy", "noeviction");
                Field("mem_fragmentation_ratio", "1.00");
                Field("mem_allocator", "dotnet-gc");
                break;
            case "persistence":
                Field("loading", 0);
                Field("async_loading", 0);
                Field("rdb_changes_since_last_save", 0);
                Field("rdb_bgsave_in_progress", 0);
                Field("rdb_last_bgsave_status", "ok");
                Field("aof_enabled", 0);
                Field("aof_rewrite_in_progress", 0);
                Field("aof_last_write_status", "ok");
                break;
            case "stats":
                Field("total_connections_received", services.Clients.TotalConnections);
                Field("total_commands_processed", stats.CommandsProcessed);
                Field("instantaneous_ops_per_sec", 0);
                Field("total_net_input_bytes", 0);
                Field("total_net_output_bytes", 0);
                Field("rejected_connections", services.Clients.RejectedConnections);
                Field("expired_keys", 0);
                Field("evicted_keys", 0);
                Field("keyspace_hits", 0);
                Field("keyspace_misses", 0);
                Field("pubsub_channels", services.PubSub.ChannelCount);
                Field("pubsub_patterns", services.PubSub.PatternCount);
                Field("total_error_replies", stats.ErrorReplies);
                Field("total_blocking_keys", services.Clients.BlockedCount);
                break;
            case "replication":
                Field("role", "master");
                Field("connected_slaves", 0);
                Field("master_failover_state", "no-failover");
                Field("master_replid", RunId);
                Field("master_repl_offset", 0);
                break;
            case "cpu":
                Field("used_cpu_sys", process.PrivilegedProcessorTime.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture));
                Field("used_cpu_user", process.UserProcessorTime.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture));
                break;
            case "modules":
                break;
            case "commandstats":
                foreach (var (name, s) in stats.Commands)
                {
                    var usec = s.Ticks * 1_000_000 / Stopwatch.Frequency;
                    var per = s.Calls == 0 ? 0 : (double)usec / s.Calls;
                    sb.Append(CultureInfo.InvariantCulture, $"cmdstat_{name}:calls={s.Calls},usec={usec},usec_per_call={per:F2},rejected_calls={s.Rejected},failed_calls={s.Failed}\r\n");
                }
                break;
            case "errorstats":
                foreach (var (code, count) in stats.Errors)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"errorstat_{code}:count={count}\r\n");
                }
                break;
            case "cluster":
                Field("cluster_enabled", context.Services.Cluster.Enabled ? 1 : 0);
                break;
            case "consumergroups":
                await AppendGroupHealth(context, sb);
                break;
            case "pipelines":
                await AppendPipelines(context, sb);
                break;
            case "keyspace":
                var dbs = services.Databases;
                var all = await Task.WhenAll(Enumerable.Range(0, dbs.Count).Select(db => context.Grains.GetGrain<IDatabaseGrain>(dbs.Physical(db)).GetKeyspaceStats()));
                for (var db = 0; db < all.Length; db++)
                {
                    if (all[db][0] > 0)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"db{db}:keys={all[db][0]},expires={all[db][1]},avg_ttl={all[db][2]}\r\n");
                    }
                }
                break;
        }
    }

    /// <summary>
    /// This server's own section: every consumer group's backlog and how long its oldest pending entry
    /// has waited, so operators can alert on stuck workers (e.g. on oldest_pending_idle_ms).
    /// </summary>
    private static async Task AppendGroupHealth(CommandContext context, StringBuilder sb)
    {
        var dbs = context.Services.Databases;
        long groups = 0, worst = 0;
        var lines = new StringBuilder();
        for (var db = 0; db < dbs.Count; db++)
        {
            var physical = dbs.Physical(db);
            var keys = await context.Services.References.Database(physical).GetStreamKeys(MaxStreamsForHealth);
            foreach (var key in keys)
            {
                var streamKey = GrainKeys.Stream(physical, key);
                var pull = await context.Services.References.Stream(streamKey).GetGroups();
                foreach (var group in pull.Groups)
                {
                    if (await context.Services.References.Group(GrainKeys.Group(streamKey, group)).Health() is not { } health)
                    {
                        continue;
                    }
                    groups++;
                    worst = Math.Max(worst, health.OldestPendingIdleMs);
                    lines.Append(CultureInfo.InvariantCulture, $"group:db={db},stream={Encoding.UTF8.GetString(key)},group={StreamErrorTexts.Display(group)},pending={health.Pending},oldest_pending_idle_ms={health.OldestPendingIdleMs},consumers={health.Consumers},dead_lettered={health.DeadLettered}\r\n");
                }
            }
        }
        sb.Append(CultureInfo.InvariantCulture, $"consumer_groups:{groups}\r\noldest_pending_idle_ms:{worst}\r\n").Append(lines);
    }

    private static readonly string RunId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000";

    private static string Human(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2}G"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F2}M"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):F2}K"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes}B"),
    };
}
