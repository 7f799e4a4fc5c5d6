using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>The replies of the <c>COMMAND</c> family, identical to Redis 7.0.15's for the commands in the table.</summary>
public sealed partial class CommandTable
{
    /// <summary><c>COMMAND</c> (and <c>COMMAND INFO</c> without names): the info entry of every top-level command.</summary>
    public Reply AllInfoReply() => new ArrayReply(Commands.Select(c => c.InfoReply).ToArray());

    /// <summary><c>COMMAND COUNT</c>: the number of top-level commands.</summary>
    public Reply CountReply() => Reply.Integer(Commands.Count);

    /// <summary>
    /// <c>COMMAND INFO name...</c>: one entry per name (<c>container|sub</c> allowed), a null for an
    /// unknown one; without names, the same as <c>COMMAND</c>.
    /// </summary>
    public Reply InfoReply(IReadOnlyList<byte[]> names)
    {
        if (names.Count == 0)
        {
            return AllInfoReply();
        }
        var entries = new Reply[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            entries[i] = TryGetByFullName(names[i], out var info) ? info.InfoReply : Reply.NullBulk;
        }
        return new ArrayReply(entries);
    }

    /// <summary>
    /// <c>COMMAND DOCS name...</c>: a map of name to documentation; unknown names are left out; without
    /// names, every top-level command.
    /// </summary>
    public Reply DocsReply(IReadOnlyList<byte[]> names)
    {
        var found = names.Count == 0
            ? Commands
            : names.Select(n => TryGetByFullName(n, out var info) ? info : null).OfType<CommandInfo>();
        return new MapReply(found.SelectMany(c => new[] { Reply.Bulk(c.Name), c.DocsReply }).ToArray());
    }

    /// <summary><c>COMMAND LIST</c>: the names of every command and subcommand (<c>container|sub</c>).</summary>
    public Reply ListReply() =>
        Reply.BulkArray(Commands.SelectMany(c => c.Subcommands.Select(s => s.Name).Prepend(c.Name)));
}
