namespace OrleansStreams.Processing;

/// <summary>
/// Where a pipeline reads: named streams, or every stream matching <paramref name="Pattern"/>, or a
/// process-wide memory source (tests). <paramref name="From"/> is "0" (everything), "$" (only new entries)
/// or an entry ID; <paramref name="EventTimeField"/> holds ms since the epoch (null: the entry ID's ms);
/// <paramref name="JsonField"/> holds a JSON object whose properties become fields.
/// </summary>
public sealed record SourceSpec(
    IReadOnlyList<string> Streams,
    string? Pattern,
    string From = "0",
    string? EventTimeField = null,
    string? JsonField = null,
    string? Memory = null);

/// <summary>Where results go.</summary>
public abstract record SinkSpec
{
    /// <summary>XADD to a stream, optionally trimmed (<c>MAXLEN ~ n</c>).</summary>
    public sealed record Stream(string Name, long? MaxLen = null) : SinkSpec;

    /// <summary>One hash per key and window: <c>{Prefix}:{key}:{window_start}</c>, optionally expiring.</summary>
    public sealed record Hash(string Prefix, long? TtlMs = null) : SinkSpec;

    /// <summary>A process-wide memory sink (<see cref="MemoryPipelineIO"/>), for tests.</summary>
    public sealed record Memory(string Name) : SinkSpec;
}

public enum BufferPolicy
{
    /// <summary>A full buffer stops reading the source until there is room (back-pressure).</summary>
    Block,
    /// <summary>A full buffer drops its oldest event to take the new one.</summary>
    DropOldest,
    /// <summary>A full buffer drops the new event.</summary>
    DropNewest,
}

/// <summary>How many events may wait between a source reader and the key groups, and what happens when they are more.</summary>
public sealed record BufferSpec(int Capacity = 10_000, BufferPolicy Policy = BufferPolicy.Block)
{
    public static readonly BufferSpec Default = new();
}
