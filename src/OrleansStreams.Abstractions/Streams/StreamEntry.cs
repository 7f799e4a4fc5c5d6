namespace OrleansStreams.Streams;

/// <summary>One stream entry: its ID and its field/value pairs, flattened (field, value, field, value…).</summary>
[GenerateSerializer, Immutable, Alias("os.streamentry")]
public sealed record StreamEntry([property: Id(0)] StreamEntryId Id, [property: Id(1)] byte[][] Fields);
