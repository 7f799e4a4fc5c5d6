namespace OrleansStreams.Streams;

/// <summary>
/// Why a stream or consumer-group operation failed. Grains return these codes, never error texts:
/// the RESP gateway maps each to Redis' exact text (it knows the command, key and group), and the
/// SDK to a typed exception.
/// </summary>
public enum StreamError
{
    None = 0,

    /// <summary>The key holds another type of value (WRONGTYPE).</summary>
    WrongType,

    /// <summary>The stream does not exist.</summary>
    NoSuchKey,

    /// <summary>The consumer group does not exist (the stream does).</summary>
    NoSuchGroup,

    /// <summary>The consumer group already exists (BUSYGROUP).</summary>
    GroupExists,

    /// <summary>The ID of an append is equal to or smaller than the stream's last ID.</summary>
    IdTooSmall,

    /// <summary>The stream's last ID is the greatest possible one: nothing more can be appended.</summary>
    IdExhausted,

    /// <summary>A new last ID is smaller than the stream's greatest entry.</summary>
    SetIdTooSmall,

    /// <summary>A new entries-added counter is smaller than the stream's length.</summary>
    SetIdEntriesAddedTooSmall,

    /// <summary>An entry ID argument is not a valid ID.</summary>
    InvalidId,

    /// <summary>An append of <c>ms-*</c> where <c>ms</c> is the last ID's and its sequence is the greatest one.</summary>
    SequenceExhausted,
}
