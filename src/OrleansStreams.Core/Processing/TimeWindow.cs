namespace OrleansStreams.Processing;

/// <summary>A window of event time, [<paramref name="Start"/>, <paramref name="End"/>) in milliseconds.</summary>
public readonly record struct TimeWindow(long Start, long End);
