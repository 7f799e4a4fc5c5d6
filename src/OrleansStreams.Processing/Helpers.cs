namespace OrleansStreams.Processing;

/// <summary>Window specs from <see cref="TimeSpan"/>s, for the fluent API.</summary>
public static class Windows
{
    public static WindowSpec Tumbling(TimeSpan size, TimeSpan offset = default) => new WindowSpec.Tumbling(Ms(size), Ms(offset));

    public static WindowSpec Sliding(TimeSpan size, TimeSpan slide) => new WindowSpec.Sliding(Ms(size), Ms(slide));

    public static WindowSpec Session(TimeSpan gap) => new WindowSpec.Session(Ms(gap));

    public static WindowSpec Count(long size) => new WindowSpec.Count(size);

    internal static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;
}

/// <summary>Watermark specs from <see cref="TimeSpan"/>s; <c>idleTimeout</c> null keeps the default (10 s).</summary>
public static class Watermarks
{
    public static WatermarkSpec Bounded(TimeSpan maxOutOfOrder, TimeSpan? idleTimeout = null) =>
        Idle(new WatermarkSpec.Bounded(Windows.Ms(maxOutOfOrder)), idleTimeout);

    public static WatermarkSpec Monotonic(TimeSpan? idleTimeout = null) => Idle(new WatermarkSpec.Monotonic(), idleTimeout);

    public static WatermarkSpec Periodic(TimeSpan interval, TimeSpan maxOutOfOrder = default, TimeSpan? idleTimeout = null) =>
        Idle(new WatermarkSpec.Periodic(Windows.Ms(interval), Windows.Ms(maxOutOfOrder)), idleTimeout);

    private static WatermarkSpec Idle(WatermarkSpec spec, TimeSpan? idleTimeout) =>
        idleTimeout is { } t ? spec with { IdleTimeoutMs = Windows.Ms(t) } : spec;
}

/// <summary>Aggregate specs for the fluent API; each names its output field.</summary>
public static class Agg
{
    public static AggregateSpec Count(string @as = "count") => new(AggregateOp.Count, null, @as);

    public static AggregateSpec Sum(string field, string? @as = null) => new(AggregateOp.Sum, field, @as ?? $"sum_{field}");

    public static AggregateSpec Avg(string field, string? @as = null) => new(AggregateOp.Avg, field, @as ?? $"avg_{field}");

    public static AggregateSpec Min(string field, string? @as = null) => new(AggregateOp.Min, field, @as ?? $"min_{field}");

    public static AggregateSpec Max(string field, string? @as = null) => new(AggregateOp.Max, field, @as ?? $"max_{field}");

    public static AggregateSpec First(string field, string? @as = null) => new(AggregateOp.First, field, @as ?? $"first_{field}");

    public static AggregateSpec Last(string field, string? @as = null) => new(AggregateOp.Last, field, @as ?? $"last_{field}");

    public static AggregateSpec CountDistinct(string field, string? @as = null, int limit = 1000) =>
        new(AggregateOp.CountDistinct, field, @as ?? $"countDistinct_{field}", limit);

    public static AggregateSpec Collect(string field, string? @as = null, int limit = 1000) =>
        new(AggregateOp.Collect, field, @as ?? $"collect_{field}", limit);

    public static AggregateSpec Duration(string @as = "duration") => new(AggregateOp.Duration, null, @as);
}

/// <summary>Late-event policies for the fluent API.</summary>
public static class LatePolicies
{
    public static LatePolicy Drop => LatePolicy.Drop;

    public static LatePolicy AllowedLateness(TimeSpan lateness) => new(LatePolicyKind.AllowedLateness, Windows.Ms(lateness));

    public static LatePolicy SideOutput(string stream) => new(LatePolicyKind.SideOutput, 0, stream);

    public static LatePolicy Recompute(TimeSpan lateness) => new(LatePolicyKind.Recompute, Windows.Ms(lateness));
}
