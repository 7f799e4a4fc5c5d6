namespace OrleansStreams.Resp.Commands;

/// <summary>
/// The commands this gateway answers and where each runs. Arity (Redis' convention: negative means
/// at least) comes from the command table (RespCommandsInfo.json), which also answers COMMAND, so the
/// two cannot disagree. Families register themselves (<see cref="StreamCommands"/>, <see cref="KeyspaceCommands"/> …).
/// </summary>
public sealed class CommandRegistry
{
    private const int MaxNameLength = 32;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CommandRegistry() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    public IEnumerable<string> Names => _entries.Keys;

    public void Add(string name, CommandRoute route, CommandHandler? handler = null)
    {
        if (!CommandTable.Default.TryGet(System.Text.Encoding.ASCII.GetBytes(name), out var info))
        {
            throw new InvalidOperationException($"Command {name} is missing from RespCommandsInfo.json.");
        }
        _entries[name] = new Entry(name.ToUpperInvariant(), name.ToLowerInvariant(), info.Arity, route, handler) { Info = info };
    }

    public void Local(string name, CommandHandler handler) => Add(name, CommandRoute.Local, handler);

    /// <summary>Finds a command by the bytes the client sent, in any case, without allocating.</summary>
    public bool TryGet(ReadOnlySpan<byte> name, out Entry entry)
    {
        entry = null!;
        if (name.Length > MaxNameLength)
        {
            return false;
        }
        Span<char> chars = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            chars[i] = (char)name[i];
        }
        return _lookup.TryGetValue(chars, out entry!);
    }

    public sealed record Entry(string Name, string LowerName, int Arity, CommandRoute Route, CommandHandler? Handler)
    {
        /// <summary>This command's INFO commandstats counters, resolved once instead of per call.</summary>
        public Server.ServerStats.CommandStat? Stat { get; set; }

        /// <summary>The command's entry in the command table: flags and key positions.</summary>
        public required CommandInfo Info { get; init; }

        public bool ArityOk(int count) => Arity >= 0 ? count == Arity : count >= -Arity;
    }
}
