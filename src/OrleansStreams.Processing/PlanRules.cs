namespace OrleansStreams.Processing;

/// <summary>
/// The value rules every definition obeys, shared by <see cref="PipelineJson"/> and <see cref="PipelineBuilder"/>.
/// Each check returns the problem with its path relative to the step (e.g. <c>window.slideMs must not exceed window.sizeMs</c>) or null.
/// </summary>
internal static class PlanRules
{
    public const string PositiveInteger = "must be a positive integer";
    public const int MaxKeyGroups = 4096;

    public static readonly string[] ResultFields = ["key", "window_start", "window_end"];

    public static string? CheckWindow(WindowSpec window) => window switch
    {
        WindowSpec.Tumbling t when t.SizeMs <= 0 => $"window.sizeMs {PositiveInteger}",
        WindowSpec.Tumbling t when t.OffsetMs < 0 || t.OffsetMs >= t.SizeMs => "window.offsetMs must be at least 0 and less than window.sizeMs",
        WindowSpec.Sliding s when s.SizeMs <= 0 => $"window.sizeMs {PositiveInteger}",
        WindowSpec.Sliding s when s.SlideMs <= 0 => $"window.slideMs {PositiveInteger}",
        WindowSpec.Sliding s when s.SlideMs > s.SizeMs => "window.slideMs must not exceed window.sizeMs",
        WindowSpec.Session s when s.GapMs <= 0 => $"window.gapMs {PositiveInteger}",
        WindowSpec.Count c when c.Size <= 0 => $"window.size {PositiveInteger}",
        _ => null,
    };

    public static bool NeedsField(AggregateOp op) => op is not (AggregateOp.Count or AggregateOp.Duration);

    public static string? CheckAggregates(IReadOnlyList<AggregateSpec> aggregates)
    {
        if (aggregates.Count == 0)
        {
            return "aggregate must list at least one aggregate";
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < aggregates.Count; i++)
        {
            var a = aggregates[i];
            var op = OpName(a.Op);
            if (NeedsField(a.Op) && string.IsNullOrEmpty(a.Field))
            {
                return $"aggregate[{i}].field is required for {op}";
            }
            if (!NeedsField(a.Op) && a.Field is not null)
            {
                return $"aggregate[{i}].field is not allowed for {op}";
            }
            if (string.IsNullOrEmpty(a.As))
            {
                return $"aggregate[{i}].as must be a non-empty string";
            }
            if (ResultFields.Contains(a.As))
            {
                return $"aggregate[{i}].as must not be key, window_start or window_end";
            }
            if (!names.Add(a.As))
            {
                return $"aggregate[{i}].as must be unique ('{a.As}' is used twice)";
            }
            if (a.Limit <= 0)
            {
                return $"aggregate[{i}].limit {PositiveInteger}";
            }
        }
        return null;
    }

    public static string? CheckLate(LatePolicy late) => late.Kind switch
    {
        LatePolicyKind.AllowedLateness or LatePolicyKind.Recompute when late.AllowedLatenessMs <= 0 =>
            $"late.allowedLatenessMs {PositiveInteger} for {PolicyName(late.Kind)}",
        LatePolicyKind.SideOutput when string.IsNullOrEmpty(late.Stream) => "late.stream is required for sideOutput",
        not LatePolicyKind.SideOutput when late.Stream is not null => $"late.stream is not allowed for {PolicyName(late.Kind)}",
        LatePolicyKind.Drop or LatePolicyKind.SideOutput when late.AllowedLatenessMs != 0 =>
            $"late.allowedLatenessMs is not allowed for {PolicyName(late.Kind)}",
        _ => null,
    };

    public static string? CheckWatermark(WatermarkSpec watermark) => watermark switch
    {
        { IdleTimeoutMs: < 0 } => "watermark.idleTimeoutMs must be a non-negative integer",
        WatermarkSpec.Bounded { MaxOutOfOrderMs: < 0 } => "watermark.maxOutOfOrderMs must be a non-negative integer",
        WatermarkSpec.Periodic { IntervalMs: <= 0 } => $"watermark.intervalMs {PositiveInteger}",
        WatermarkSpec.Periodic { MaxOutOfOrderMs: < 0 } => "watermark.maxOutOfOrderMs must be a non-negative integer",
        _ => null,
    };

    public static string? CheckSink(SinkSpec sink) => sink switch
    {
        SinkSpec.Stream { Name: "" } => "sink.stream must be a non-empty string",
        SinkSpec.Stream { MaxLen: <= 0 } => $"sink.maxLen {PositiveInteger}",
        SinkSpec.Hash { Prefix: "" } => "sink.hash must be a non-empty string",
        SinkSpec.Hash { TtlMs: <= 0 } => $"sink.ttlMs {PositiveInteger}",
        SinkSpec.Memory { Name: "" } => "sink.memory must be a non-empty string",
        _ => null,
    };

    public static string OpName(AggregateOp op) => op switch
    {
        AggregateOp.CountDistinct => "countDistinct",
        _ => op.ToString().ToLowerInvariant(),
    };

    public static string PolicyName(LatePolicyKind kind) => kind switch
    {
        LatePolicyKind.AllowedLateness => "allowedLateness",
        LatePolicyKind.SideOutput => "sideOutput",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
