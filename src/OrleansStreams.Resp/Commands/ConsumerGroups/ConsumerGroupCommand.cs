using OrleansStreams.Streams;

using OrleansStreams.ConsumerGroups;

namespace OrleansStreams.Resp.Commands;

/// <summary>A parsed consumer-group command, or the error its arguments earned.</summary>
public abstract record ConsumerGroupCommand
{
    /// <summary>
    /// XGROUP CREATE; <see cref="Dollar"/> means "the stream's last ID" (the caller resolves it). <see cref="IdError"/> is set when
    /// the ID is invalid: Redis reports it only after the key (and for SETID the group) checks.
    /// </summary>
    public sealed record Create(byte[] Key, string Group, bool Dollar, StreamEntryId Id, bool MkStream, long EntriesRead, string? IdError = null) : ConsumerGroupCommand;

    public sealed record SetId(byte[] Key, string Group, bool Dollar, StreamEntryId Id, long EntriesRead, string? IdError = null) : ConsumerGroupCommand;

    public sealed record Destroy(byte[] Key, string Group) : ConsumerGroupCommand;

    public sealed record CreateConsumer(byte[] Key, string Group, string Consumer) : ConsumerGroupCommand;

    public sealed record DeleteConsumer(byte[] Key, string Group, string Consumer) : ConsumerGroupCommand;

    public sealed record Help : ConsumerGroupCommand;

    /// <summary>XREADGROUP. <see cref="Count"/> 0: no limit; <see cref="BlockMs"/> null: no BLOCK.</summary>
    public sealed record ReadGroup(string Group, string Consumer, long Count, long? BlockMs, bool NoAck, byte[][] Keys, ReadGroupId[] Ids) : ConsumerGroupCommand;

    /// <summary>XACK; <see cref="Ids"/> is null when one is invalid (an error only if the group exists: else Redis replies 0).</summary>
    public sealed record Ack(byte[] Key, string Group, StreamEntryId[]? Ids) : ConsumerGroupCommand;

    public sealed record PendingSummary(byte[] Key, string Group) : ConsumerGroupCommand;

    public sealed record PendingRange(byte[] Key, string Group, long MinIdleMs, StreamEntryId Start, StreamEntryId End, long Count, string? Consumer) : ConsumerGroupCommand;

    public sealed record Claim(byte[] Key, string Group, string Consumer, StreamEntryId[] Ids, ClaimOptions Options) : ConsumerGroupCommand;

    public sealed record AutoClaim(byte[] Key, string Group, string Consumer, long MinIdleMs, StreamEntryId Start, long Count, bool JustId) : ConsumerGroupCommand;

    public sealed record Invalid(string Error) : ConsumerGroupCommand;

    /// <summary>An error Redis reports only once the key and group exist (XCLAIM, XAUTOCLAIM): NOGROUP comes first.</summary>
    public sealed record InvalidAfterGroupCheck(byte[] Key, string Group, string Error) : ConsumerGroupCommand;
}

/// <summary>One stream's ID in XREADGROUP: <c>&gt;</c> (<see cref="New"/>), an ID, or the error it earns once its key and group are found.</summary>
public readonly record struct ReadGroupId(bool New, StreamEntryId Id, string? Error = null);
