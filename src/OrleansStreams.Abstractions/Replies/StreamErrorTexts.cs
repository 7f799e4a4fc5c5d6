using OrleansStreams.Streams;

namespace OrleansStreams.Replies;

/// <summary>
/// The one table from the grains' <see cref="StreamError"/> codes to Redis' error texts. Redis words a
/// missing key or group differently per command, so the families that differ have their own entry.
/// </summary>
public static class StreamErrorTexts
{
    /// <summary>The text of a stream command's error (XADD, XSETID, XINFO STREAM…).</summary>
    public static string Stream(StreamError error) => error switch
    {
        StreamError.WrongType => RedisErrors.WrongType,
        StreamError.NoSuchKey => RedisErrors.NoSuchKey,
        StreamError.GroupExists => RedisErrors.GroupBusy,
        StreamError.IdTooSmall => RedisErrors.StreamIdTooSmall,
        StreamError.IdExhausted => RedisErrors.StreamIdExhausted,
        StreamError.SetIdTooSmall => RedisErrors.StreamSetIdSmaller,
        StreamError.SetIdEntriesAddedTooSmall => RedisErrors.StreamSetIdEntriesAdded,
        StreamError.InvalidId => RedisErrors.StreamInvalidId,
        StreamError.SequenceExhausted => RedisErrors.StreamElementsTooLarge,
        _ => "ERR " + error,
    };

    /// <summary>XGROUP's subcommands (and SETDEADLETTER): the key must exist; a missing group is named.</summary>
    public static string XGroup(StreamError error, string key, string group) => error switch
    {
        StreamError.NoSuchKey => RedisErrors.GroupKeyMissing,
        StreamError.NoSuchGroup => RedisErrors.NoGroup(group, key),
        _ => Stream(error),
    };

    /// <summary>XPENDING, XCLAIM, XAUTOCLAIM: one text for a missing key or group.</summary>
    public static string GroupCommand(StreamError error, string key, string group) => error switch
    {
        StreamError.NoSuchKey or StreamError.NoSuchGroup => RedisErrors.NoKeyOrGroup(key, group),
        _ => Stream(error),
    };

    /// <summary>XREADGROUP's wording of a missing key or group.</summary>
    public static string ReadGroup(StreamError error, string key, string group) => error switch
    {
        StreamError.NoSuchKey or StreamError.NoSuchGroup => RedisErrors.NoKeyOrGroupReadGroup(key, group),
        _ => Stream(error),
    };

    /// <summary>XINFO CONSUMERS: no such key, or the missing group named.</summary>
    public static string Consumers(StreamError error, string key, string group) => error switch
    {
        StreamError.NoSuchGroup => RedisErrors.NoGroup(group, key),
        _ => Stream(error),
    };

    /// <summary>A key or name as it appears inside an error text (Redis copies the bytes; we show them as UTF-8).</summary>
    public static string Display(ReadOnlySpan<byte> name) => System.Text.Encoding.UTF8.GetString(name);

    /// <summary>A Latin-1-carried name (group, consumer) as it appears inside an error text.</summary>
    public static string Display(string latin1Name) => Display(System.Text.Encoding.Latin1.GetBytes(latin1Name));
}
