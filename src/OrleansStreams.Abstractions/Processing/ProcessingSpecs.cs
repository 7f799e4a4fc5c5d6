namespace OrleansStreams.Processing;

/// <summary>How events are grouped into windows (docs/pipelines.md). Times are milliseconds of event time.</summary>
[GenerateSerializer, Immutable, Alias("os.pl.window")]
public abstract record WindowSpec
{
    /// <summary>Fixed, non-overlapping windows [k·size + offset, (k+1)·size + offset).</summary>
    [GenerateSerializer, Immutable, Alias("os.pl.window.tumbling")]
    public sealed record Tumbling([property: Id(0)] long SizeMs, [property: Id(1)] long OffsetMs = 0) : WindowSpec;

    /// <summary>Windows of <c>SizeMs</c> starting every <c>SlideMs</c>: an event falls in ⌈size/slide⌉ windows.</summary>
    [GenerateSerializer, Immutable, Alias("os.pl.window.sliding")]
    public sealed record Sliding([property: Id(0)] long SizeMs, [property: Id(1)] long SlideMs) : WindowSpec;

    /// <summary>Per key, events closer than <c>GapMs</c> form one session [first, last + gap); sessions that touch merge.</summary>
    [GenerateSerializer, Immutable, Alias("os.pl.window.session")]
    public sealed record Session([property: Id(0)] long GapMs) : WindowSpec;

    /// <summary>Per key, every <c>Size</c> events form a window that fires at once (no event time involved).</summary>
    [GenerateSerializer, Immutable, Alias("os.pl.window.count")]
    public sealed record Count([property: Id(0)] long Size) : WindowSpec;
}

public enum AggregateOp
{
    Count,
    Sum,
    Avg,
    Min,
    Max,
    First,
    Last,
    CountDistinct,
    Collect,
    /// <summary>Last event time minus first event time in the window (ms).</summary>
    Duration,
}

/// <summary>One aggregate of a window: <c>Op</c> over <c>Field</c> (none for count/duration), output field <c>As</c>; <c>Limit</c> bounds collect and countDistinct.</summary>
[GenerateSerializer, Immutable, Alias("os.pl.aggregate")]
public sealed record AggregateSpec(
    [property: Id(0)] AggregateOp Op,
    [property: Id(1)] string? Field,
    [property: Id(2)] string As,
    [property: Id(3)] int Limit = 1000);

/// <summary>How a source partition's watermark follows its events.</summary>
[GenerateSerializer, Immutable, Alias("os.pl.watermark")]
public abstract record WatermarkSpec
{
    /// <summary>After a partition has had no new entry for this long (wall clock), it stops holding the pipeline's watermark back; 0 = never.</summary>
    [Id(0)] public long IdleTimeoutMs { get; init; } = 10_000;

    /// <summary>Watermark = highest event time seen − <c>MaxOutOfOrderMs</c>.</summary>
    [GenerateSerializer, Immutable, Alias("os.pl.watermark.bounded")]
    public sealed record Bounded([property: Id(0)] long MaxOutOfOrderMs) : WatermarkSpec;

    /// <summary>Event times only rise: watermark = highest event time seen.</summary>
    [GenerateSerializer, Immutable, Alias("os.pl.watermark.monotonic")]
    public sealed record Monotonic : WatermarkSpec;

    /// <summary>Bounded out-of-order while events arrive; when none arrive for <c>IntervalMs</c> it advances with the wall clock.</summary>
    [GenerateSerializer, Immutable, Alias("os.pl.watermark.periodic")]
    public sealed record Periodic([property: Id(0)] long IntervalMs, [property: Id(1)] long MaxOutOfOrderMs = 0) : WatermarkSpec;
}

public enum LatePolicyKind
{
    /// <summary>Late events are counted and dropped.</summary>
    Drop,
    /// <summary>Window state is kept <c>AllowedLatenessMs</c> past the window's end; a late event updates and re-emits the result.</summary>
    AllowedLateness,
    /// <summary>Late events are appended to the stream <c>Stream</c>.</summary>
    SideOutput,
    /// <summary>Fired windows keep their events <c>AllowedLatenessMs</c>; a late event recomputes the affected windows (sessions re-merge) and re-emits them.</summary>
    Recompute,
}

[GenerateSerializer, Immutable, Alias("os.pl.late")]
public sealed record LatePolicy(
    [property: Id(0)] LatePolicyKind Kind,
    [property: Id(1)] long AllowedLatenessMs = 0,
    [property: Id(2)] string? Stream = null)
{
    public static readonly LatePolicy Drop = new(LatePolicyKind.Drop);
}
