using OrleansStreams.Replies;

namespace OrleansStreams.Keyspace;

/// <summary>Runs one command against a database; args[0] is the command name.</summary>
internal delegate Reply KeyspaceHandler(KeyspaceDatabase db, ReadOnlySpan<byte[]> args, long nowMs);

/// <summary>
/// One row of the command table: the name, Redis' arity (positive: exact argument count including the name;
/// negative: at least that many), whether it writes (and so is journaled), and the handler.
/// </summary>
internal sealed record KeyspaceCommand(string Name, int Arity, bool IsWrite, KeyspaceHandler Handler)
{
    public bool AcceptsArgumentCount(int count) => Arity >= 0 ? count == Arity : count >= -Arity;
}
