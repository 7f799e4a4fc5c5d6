using OrleansStreams.Resp.Commands;

namespace OrleansStreams.Resp.Cluster;

/// <summary>
/// The key arguments of a command, from the command table's key positions (first, last, step; a container's
/// from its subcommand) and, for the commands whose keys move (<c>movablekeys</c>), from their own syntax.
/// </summary>
public static class CommandKeys
{
    /// <summary>Positions in <paramref name="args"/> of the keys of the command they call.</summary>
    public static IEnumerable<int> Positions(CommandInfo info, byte[][] args)
    {
        if (info.IsContainer)
        {
            if (args.Length < 2 || !info.TryGetSubcommand(args[1], out info))
            {
                return [];
            }
        }
        if ((info.Flags & CommandFlags.MovableKeys) != 0)
        {
            return MovablePositions(info.Name, args);
        }
        if (info.FirstKey <= 0)
        {
            return [];
        }
        var last = info.LastKey < 0 ? args.Length + info.LastKey : Math.Min(info.LastKey, args.Length - 1);
        var step = Math.Max(info.Step, 1);
        return last < info.FirstKey ? [] : Enumerable.Range(0, ((last - info.FirstKey) / step) + 1).Select(i => info.FirstKey + (i * step));
    }

    private static IEnumerable<int> MovablePositions(string name, byte[][] args)
    {
        switch (name)
        {
            case "xread" or "xreadgroup":
                // The keys are the first half of what follows STREAMS.
                for (var i = 1; i < args.Length; i++)
                {
                    if (System.Text.Ascii.EqualsIgnoreCase(args[i], "STREAMS"u8))
                    {
                        var count = (args.Length - i - 1) / 2;
                        return Enumerable.Range(i + 1, count);
                    }
                }
                return [];
            case "sintercard":
                return args.Length > 2 && int.TryParse(args[1], out var keys) && keys > 0
                    ? Enumerable.Range(2, Math.Min(keys, args.Length - 2))
                    : [];
            default:
                return [];
        }
    }
}
