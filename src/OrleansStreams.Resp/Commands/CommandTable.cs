using System.Collections.Frozen;
using System.Text;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// The commands this product answers, as data: names, arity, flags, key positions, ACL categories
/// and documentation, loaded from the embedded <c>RespCommandsInfo.json</c> (generated from
/// redis-server 7.0.15). It validates calls and answers <c>COMMAND</c>, <c>COMMAND INFO</c>,
/// <c>COMMAND DOCS</c>, <c>COMMAND COUNT</c> and <c>COMMAND LIST</c>.
/// </summary>
public sealed partial class CommandTable
{
    /// <summary>Longer names cannot be commands; looking them up would need a heap buffer.</summary>
    private const int MaxNameLength = 64;

    private readonly FrozenDictionary<string, CommandInfo>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private static readonly Lazy<CommandTable> DefaultTable = new(() => Load(OpenEmbeddedJson(ResourceName), OpenEmbeddedJson(ModuleResourceName)));

    private CommandTable(IReadOnlyList<CommandInfo> commands)
    {
        Commands = commands;
        _lookup = commands.ToFrozenDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The table of the embedded <c>RespCommandsInfo.json</c> and our module-style commands.</summary>
    public static CommandTable Default => DefaultTable.Value;

    /// <summary>The top-level commands, in the file's order.</summary>
    public IReadOnlyList<CommandInfo> Commands { get; }

    /// <summary>Finds a top-level command by name, case-insensitively and without allocating.</summary>
    public bool TryGet(ReadOnlySpan<byte> name, out CommandInfo info) => TryLookup(_lookup, name, out info);

    /// <summary>
    /// Finds a command by the name <c>COMMAND INFO</c> and <c>COMMAND DOCS</c> accept: a top-level name or
    /// <c>container|sub</c>.
    /// </summary>
    public bool TryGetByFullName(ReadOnlySpan<byte> name, out CommandInfo info)
    {
        var bar = name.IndexOf((byte)'|');
        if (bar < 0)
        {
            return TryGet(name, out info);
        }
        if (TryGet(name[..bar], out var container) && container.TryGetSubcommand(name[(bar + 1)..], out info))
        {
            return true;
        }
        info = null!;
        return false;
    }

    /// <summary>
    /// Redis' arity rule: a positive arity is the exact argument count (the name included), a negative
    /// one the minimum.
    /// </summary>
    public bool CheckArity(CommandInfo info, int argCount) => info.AcceptsArgCount(argCount);

    internal static bool TryLookup(
        FrozenDictionary<string, CommandInfo>.AlternateLookup<ReadOnlySpan<char>> lookup,
        ReadOnlySpan<byte> name,
        out CommandInfo info)
    {
        info = null!;
        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return false;
        }
        Span<char> chars = stackalloc char[name.Length];
        // Latin-1 widens every byte to one char, so a name with non-ASCII bytes simply finds nothing.
        Encoding.Latin1.GetChars(name, chars);
        return lookup.TryGetValue(chars, out info!);
    }
}
