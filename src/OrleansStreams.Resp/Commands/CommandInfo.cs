using System.Collections.Frozen;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// Redis command flags, as <c>COMMAND INFO</c> names them (server.h <c>CMD_*</c>).
/// </summary>
[Flags]
public enum CommandFlags : long
{
    None = 0,
    Write = 1L << 0,
    ReadOnly = 1L << 1,
    DenyOom = 1L << 2,
    Module = 1L << 3,
    Admin = 1L << 4,
    PubSub = 1L << 5,
    NoScript = 1L << 6,
    Blocking = 1L << 7,
    Loading = 1L << 8,
    Stale = 1L << 9,
    SkipMonitor = 1L << 10,
    SkipSlowlog = 1L << 11,
    Asking = 1L << 12,
    Fast = 1L << 13,
    NoAuth = 1L << 14,
    MayReplicate = 1L << 15,
    Sentinel = 1L << 16,
    OnlySentinel = 1L << 17,
    NoMandatoryKeys = 1L << 18,
    Protected = 1L << 19,
    NoAsyncLoading = 1L << 20,
    NoMulti = 1L << 21,
    MovableKeys = 1L << 22,
    AllowBusy = 1L << 23,
}

/// <summary>
/// One command (or subcommand) of the table: what Redis 7.0.15 reports for it in <c>COMMAND INFO</c>
/// and <c>COMMAND DOCS</c>, loaded from <c>RespCommandsInfo.json</c>.
/// </summary>
public sealed class CommandInfo
{
    /// <summary>Lower-case name; a subcommand is named <c>container|sub</c>, e.g. <c>xinfo|stream</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Argument count including the name (and the subcommand); negative means at least <c>-Arity</c>.</summary>
    public required int Arity { get; init; }

    public required CommandFlags Flags { get; init; }

    /// <summary>The flags as Redis prints them, in Redis' order.</summary>
    public required IReadOnlyList<string> FlagNames { get; init; }

    /// <summary>Position of the first key argument, 0 when the command takes no key.</summary>
    public required int FirstKey { get; init; }

    /// <summary>Position of the last key argument; negative counts from the end.</summary>
    public required int LastKey { get; init; }

    public required int Step { get; init; }

    /// <summary>ACL categories with their <c>@</c>, e.g. <c>@stream</c>.</summary>
    public required IReadOnlyList<string> AclCategories { get; init; }

    /// <summary>Command tips, e.g. <c>nondeterministic_output</c>.</summary>
    public required IReadOnlyList<string> Tips { get; init; }

    public string? Summary { get; init; }

    /// <summary>The Redis version that introduced the command.</summary>
    public string? Since { get; init; }

    /// <summary>The documentation group, e.g. <c>stream</c>, <c>server</c>.</summary>
    public string? Group { get; init; }

    public string? Complexity { get; init; }

    /// <summary>The container command of a subcommand, null for a top-level command.</summary>
    public CommandInfo? Parent { get; internal set; }

    /// <summary>Subcommands in Redis' order; empty unless this is a container such as XINFO or CLIENT.</summary>
    public IReadOnlyList<CommandInfo> Subcommands { get; init; } = [];

    /// <summary>The subcommand part of <see cref="Name"/> (<c>stream</c> for <c>xinfo|stream</c>), or the name itself.</summary>
    public string ShortName => Name[(Name.IndexOf('|') + 1)..];

    public bool IsContainer => Subcommands.Count > 0;

    /// <summary>The entry of <c>COMMAND INFO</c> for this command.</summary>
    public required Reply InfoReply { get; init; }

    /// <summary>The value of this command in the map of <c>COMMAND DOCS</c>.</summary>
    public required Reply DocsReply { get; init; }

    internal FrozenDictionary<string, CommandInfo>.AlternateLookup<ReadOnlySpan<char>> SubcommandLookup { get; init; }

    /// <summary>Finds a subcommand by its short name (<c>stream</c>), case-insensitively and without allocating.</summary>
    public bool TryGetSubcommand(ReadOnlySpan<byte> name, out CommandInfo subcommand)
    {
        subcommand = null!;
        return IsContainer && CommandTable.TryLookup(SubcommandLookup, name, out subcommand);
    }

    /// <summary>True when a call with <paramref name="argCount"/> arguments (the name included) satisfies <see cref="Arity"/>.</summary>
    public bool AcceptsArgCount(int argCount) => Arity >= 0 ? argCount == Arity : argCount >= -Arity;

    public override string ToString() => Name;
}
