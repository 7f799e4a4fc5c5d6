using OrleansStreams.Keyspace;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// A parsed keyspace command: the operation to send, or the error to answer in the gateway. When Redis
/// reports an argument error only after looking the key up, <see cref="LateError"/> is that error and
/// <see cref="Operation"/> a <see cref="KeyspaceOperation.Probe"/>: the error is the answer only when the key
/// exists with the right type, <see cref="IfMissing"/> when it does not exist (<see cref="KeyspaceReplies.Format(in KeyspaceCall, KeyspaceResult)"/>).
/// </summary>
public readonly record struct KeyspaceCall(KeyspaceOperation? Operation, Reply? Error, Reply? LateError = null, Reply? IfMissing = null)
{
    public static implicit operator KeyspaceCall(KeyspaceOperation operation) => new(operation, null);

    /// <summary>A command answered with <paramref name="error"/> without reaching the grain.</summary>
    public static KeyspaceCall Fail(string error) => new(null, Reply.Error(error));

    /// <summary>
    /// A command whose <paramref name="error"/> is the answer once <paramref name="key"/> holds <paramref name="type"/>;
    /// <paramref name="ifMissing"/> answers when the key does not exist, WRONGTYPE when it holds another type.
    /// </summary>
    public static KeyspaceCall After(byte[] key, KeyType type, string error, Reply ifMissing) =>
        new(new KeyspaceOperation.Probe(key, type), null, Reply.Error(error), ifMissing);
}
