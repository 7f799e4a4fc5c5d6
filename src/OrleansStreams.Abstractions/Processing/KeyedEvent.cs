using OrleansStreams.Streams;

namespace OrleansStreams.Processing;

/// <summary>
/// An event after the stateless steps, on its way to its key group: the key, the event time, the source
/// entry it came from (for de-duplication), the input of each aggregate in order (null = field missing),
/// and the whole event's fields only when a later stage needs them (side output, stateful process).
/// </summary>
[GenerateSerializer, Immutable, Alias("os.pl.event")]
public sealed record KeyedEvent(
    [property: Id(0)] string Key,
    [property: Id(1)] long Timestamp,
    [property: Id(2)] StreamEntryId SourceId,
    [property: Id(3)] string?[] Values,
    [property: Id(4)] string[]? Fields = null);

/// <summary>One fired (or re-fired) window of one key: aggregate values by output name, in the definition's order.</summary>
[GenerateSerializer, Immutable, Alias("os.pl.result")]
public sealed record WindowResult(
    [property: Id(0)] string Key,
    [property: Id(1)] long WindowStart,
    [property: Id(2)] long WindowEnd,
    [property: Id(3)] string[] Names,
    [property: Id(4)] string[] Values,
    [property: Id(5)] bool IsUpdate = false);
