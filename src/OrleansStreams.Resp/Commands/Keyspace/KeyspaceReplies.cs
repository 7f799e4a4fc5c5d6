using OrleansStreams.Keyspace;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// Turns a <see cref="KeyspaceResult"/> into the reply Redis 7.0 sends for the operation's command: the
/// operation decides the shape (map or array, set or array, nil bulk or nil array); the writer then encodes
/// it for RESP2 or RESP3.
/// </summary>
public static partial class KeyspaceReplies
{
    /// <summary>The reply to <paramref name="call"/> given the grain's <paramref name="result"/>.</summary>
    public static Reply Format(in KeyspaceCall call, KeyspaceResult result)
    {
        if (call.LateError is { } late)
        {
            return result switch
            {
                KeyspaceResult.Failed f => Error(f.Error, call.Operation!),
                KeyspaceResult.Integer { Number: 1 } => late,
                _ => call.IfMissing!,
            };
        }
        return Format(call.Operation!, result);
    }

    /// <summary>The reply to <paramref name="operation"/> given the grain's <paramref name="result"/>.</summary>
    public static Reply Format(KeyspaceOperation operation, KeyspaceResult result) => result switch
    {
        KeyspaceResult.Failed f => Error(f.Error, operation),
        _ => Shape(operation, result),
    };

    private static Reply Error(KeyspaceError error, KeyspaceOperation operation) =>
        Reply.Error(KeyspaceErrorTexts.Text(error, CommandName(operation)));
}
