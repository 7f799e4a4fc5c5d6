using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>Runs one command in the gateway; args[0] is the command name.</summary>
public delegate ValueTask<Reply> CommandHandler(CommandContext context, byte[][] args);

/// <summary>Where a command runs: in the gateway, or batched into a grain call.</summary>
public enum CommandRoute
{
    /// <summary>A gateway handler.</summary>
    Local,

    /// <summary>The stream partition grain of args[1]; consecutive commands for one stream share a call.</summary>
    Stream,

    /// <summary>The database grain of the session's database; consecutive commands share a call.</summary>
    Keyspace,

    /// <summary>The consumer group grain of args[1] (stream) and args[2] (group); consecutive commands for it share a call.</summary>
    Group,
}
