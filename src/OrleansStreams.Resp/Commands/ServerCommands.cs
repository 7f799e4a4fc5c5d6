using System.Globalization;
using System.Text;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>INFO, CONFIG, TIME, DEBUG, FUNCTION and friends (CLUSTER: <see cref="Cluster.ClusterCommands"/>): https://redis.io/docs/latest/commands/?group=server</summary>
public static partial class ServerCommands
{
    public static void Register(CommandRegistry registry)
    {
        registry.Local("INFO", Info);
        registry.Local("CONFIG", Config);
        registry.Local("TIME", Time);
        registry.Local("DEBUG", (_, _) => Result(Reply.Error("ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.")));
        registry.Local("FUNCTION", Function);
    }

    private static ValueTask<Reply> Result(Reply reply) => ValueTask.FromResult(reply);

    private static ValueTask<Reply> Time(CommandContext context, byte[][] args)
    {
        var now = DateTimeOffset.UtcNow;
        var micros = now.ToUnixTimeMilliseconds() * 1000 + (now.Ticks % TimeSpan.TicksPerMillisecond) / 10;
        return Result(Reply.Array(
            Reply.Bulk((micros / 1_000_000).ToString(CultureInfo.InvariantCulture)),
            Reply.Bulk((micros % 1_000_000).ToString(CultureInfo.InvariantCulture))));
    }

    private static ValueTask<Reply> Function(CommandContext context, byte[][] args)
    {
        var sub = Encoding.UTF8.GetString(args[1]).ToUpperInvariant();
        return Result(sub switch
        {
            "LIST" => Reply.EmptyArray,
            "FLUSH" => Reply.Ok,
            "STATS" => Reply.Map(Reply.Bulk("running_script"), Reply.NullBulk, Reply.Bulk("engines"), Reply.Map(Reply.Bulk("LUA"), Reply.Map(Reply.Bulk("libraries_count"), Reply.Zero, Reply.Bulk("functions_count"), Reply.Zero))),
            "DUMP" => Reply.Bulk(Array.Empty<byte>()),
            _ => Reply.Error(RedisErrors.UnknownSubcommand(Encoding.UTF8.GetString(args[1]), "FUNCTION")),
        });
    }

    private static ValueTask<Reply> Config(CommandContext context, byte[][] args)
    {
        var config = context.Services.Config;
        var sub = Encoding.UTF8.GetString(args[1]).ToUpperInvariant();
        switch (sub)
        {
            case "GET" when args.Length >= 3:
                var items = new List<Reply>();
                var seen = new HashSet<string>();
                foreach (var pattern in args.Skip(2))
                {
                    foreach (var (name, value) in config.Matching(pattern))
                    {
                        if (seen.Add(name))
                        {
                            items.Add(Reply.Bulk(name));
                            items.Add(Reply.Bulk(value));
                        }
                    }
                }
                return Result(new MapReply(items.ToArray()));
            case "SET" when args.Length >= 4 && args.Length % 2 == 0:
                for (var i = 2; i < args.Length; i += 2)
                {
                    if (config.TrySet(Encoding.UTF8.GetString(args[i]).ToLowerInvariant(), Encoding.UTF8.GetString(args[i + 1])) is { } error)
                    {
                        return Result(Reply.Error(error));
                    }
                }
                return Result(Reply.Ok);
            case "RESETSTAT" when args.Length == 2:
                context.Services.Stats.Reset();
                return Result(Reply.Ok);
            case "REWRITE" when args.Length == 2:
                return Result(Reply.Error("ERR The server is running without a config file"));
            case "GET" or "SET" or "RESETSTAT" or "REWRITE":
                return Result(Reply.Error(RedisErrors.WrongArity("config|" + sub.ToLowerInvariant())));
            case "HELP" when args.Length == 2:
                return Result(Reply.Array(new[]
                {
                    "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
                    "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
                    "RESETSTAT", "    Reset statistics reported by the INFO command.",
                    "REWRITE", "    Rewrite the configuration file.",
                    "HELP", "    Prints this help.",
                }.Select(Reply.Simple)));
            default:
                return Result(Reply.Error(RedisErrors.UnknownSubcommand(Encoding.UTF8.GetString(args[1]), "CONFIG")));
        }
    }

    private static async ValueTask<Reply> Info(CommandContext context, byte[][] args)
    {
        var sections = args.Skip(1).Select(a => Encoding.UTF8.GetString(a).ToLowerInvariant()).ToHashSet();
        var text = await InfoBuilder.BuildAsync(context, sections);
        return Reply.Verbatim(text);
    }
}
