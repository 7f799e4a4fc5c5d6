using OrleansStreams.Replies;
using OrleansStreams.Streams;

namespace OrleansStreams.Client;

/// <summary>
/// A stream or consumer-group operation failed. <see cref="Error"/> is the typed code the grains
/// returned; <see cref="Exception.Message"/> is the error redis-server would send for it (the same
/// text table as the RESP gateway), so logs read the same whichever client wrote them.
/// </summary>
public class StreamException(StreamError error, string message) : Exception(message)
{
    public StreamError Error { get; } = error;

    /// <summary>
    /// The exception for a code, of the most specific type there is, with the text redis-server sends for
    /// it (<paramref name="message"/>; by default that of a stream command).
    /// </summary>
    public static StreamException For(StreamError error, string stream, string? group = null, string? message = null)
    {
        message ??= StreamErrorTexts.Stream(error);
        return error switch
        {
            StreamError.NoSuchKey => new StreamNotFoundException(stream, message),
            StreamError.NoSuchGroup => new GroupNotFoundException(stream, group ?? "", message),
            StreamError.WrongType => new WrongTypeException(stream),
            StreamError.GroupExists => new GroupExistsException(stream, group ?? ""),
            StreamError.IdTooSmall => new IdTooSmallException(stream),
            _ => new StreamException(error, message),
        };
    }
}

/// <summary>The stream does not exist.</summary>
public sealed class StreamNotFoundException(string stream, string message) : StreamException(StreamError.NoSuchKey, message)
{
    public string Stream { get; } = stream;
}

/// <summary>The consumer group does not exist (NOGROUP).</summary>
public sealed class GroupNotFoundException(string stream, string group, string message) : StreamException(StreamError.NoSuchGroup, message)
{
    public string Stream { get; } = stream;
    public string Group { get; } = group;
}

/// <summary>The key holds another type of value (WRONGTYPE).</summary>
public sealed class WrongTypeException(string key) : StreamException(StreamError.WrongType, RedisErrors.WrongType)
{
    public string Key { get; } = key;
}

/// <summary>The consumer group already exists (BUSYGROUP).</summary>
public sealed class GroupExistsException(string stream, string group) : StreamException(StreamError.GroupExists, RedisErrors.GroupBusy)
{
    public string Stream { get; } = stream;
    public string Group { get; } = group;
}

/// <summary>An explicit ID is equal to or smaller than the stream's last ID.</summary>
public sealed class IdTooSmallException(string stream) : StreamException(StreamError.IdTooSmall, RedisErrors.StreamIdTooSmall)
{
    public string Stream { get; } = stream;
}

/// <summary>A pipeline command failed: no such pipeline, it exists already, or its definition is invalid (the message says where).</summary>
public sealed class PipelineException(string code, string message) : Exception(message)
{
    /// <summary>NoSuchPipeline, PipelineExists, InvalidDefinition or NotRegistered.</summary>
    public string Code { get; } = code;
}
