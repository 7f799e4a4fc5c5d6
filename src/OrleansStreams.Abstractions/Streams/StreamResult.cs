namespace OrleansStreams.Streams;

/// <summary>The result of one <see cref="StreamOperation"/>.</summary>
[GenerateSerializer, Immutable, Alias("os.StreamResult")]
public abstract record StreamResult
{
    public static readonly StreamResult Ok = new Done();

    /// <summary>The operation failed; nothing changed.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamResult.Failed")]
    public sealed record Failed([property: Id(0)] StreamError Error) : StreamResult;

    /// <summary>The ID of the appended entry, or null when the stream did not exist and the append said NOMKSTREAM.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamResult.Appended")]
    public sealed record Appended([property: Id(0)] StreamEntryId? Id) : StreamResult;

    /// <summary>A page of entries; <see cref="StreamExists"/> is false when the stream does not exist.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamResult.Entries")]
    public sealed record Entries([property: Id(0)] StreamEntry[] Items, [property: Id(1)] bool StreamExists) : StreamResult;

    /// <summary>A count: the length, or how many entries were deleted or trimmed.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamResult.Counted")]
    public sealed record Counted([property: Id(0)] long Value) : StreamResult;

    /// <summary>Done, nothing to report.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamResult.Done")]
    public sealed record Done : StreamResult;

    /// <summary>The stream's metadata.</summary>
    [GenerateSerializer, Immutable, Alias("os.StreamResult.Described")]
    public sealed record Described([property: Id(0)] StreamInfo Info) : StreamResult;

    /// <summary>The error code, <see cref="StreamError.None"/> unless this is <see cref="Failed"/>.</summary>
    public StreamError ErrorCode => this is Failed f ? f.Error : StreamError.None;
}
