using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>
/// The options of a claim (XCLAIM): entries idle at least <see cref="MinIdleMs"/> change owner.
/// <see cref="IdleMs"/> and <see cref="TimeMs"/> set the new delivery time (the last given wins);
/// <see cref="RetryCount"/> is -1 when not given; <see cref="Force"/> creates pending records for
/// entries no one holds; <see cref="JustId"/> returns IDs only and leaves delivery counts alone;
/// <see cref="LastId"/> moves the group's cursor forward.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.ClaimOptions")]
public sealed record ClaimOptions(
    [property: Id(0)] long MinIdleMs,
    [property: Id(1)] long? IdleMs = null,
    [property: Id(2)] long? TimeMs = null,
    [property: Id(3)] long RetryCount = -1,
    [property: Id(4)] bool Force = false,
    [property: Id(5)] bool JustId = false,
    [property: Id(6)] StreamEntryId? LastId = null);
