namespace OrleansStreams.Streams;

/// <summary>How a stream is trimmed: not at all, to a maximum length, or below a minimum ID.</summary>
public enum TrimStrategy
{
    None,
    MaxLen,
    MinId,
}

/// <summary>
/// The trimming part of an append or a trim: MAXLEN or MINID, exact or approximate (whole nodes
/// only, as Redis' <c>~</c>), and with approximate trimming the most entries one call may remove
/// (<see cref="Limit"/>; 0: no limit).
/// </summary>
[GenerateSerializer, Immutable, Alias("os.StreamTrim")]
public sealed record StreamTrim(
    [property: Id(0)] TrimStrategy Strategy,
    [property: Id(1)] long MaxLen,
    [property: Id(2)] StreamEntryId MinId,
    [property: Id(3)] bool Approx,
    [property: Id(4)] long Limit)
{
    public static readonly StreamTrim None = new(TrimStrategy.None, 0, default, false, 0);

    /// <summary>Redis' default LIMIT of approximate trimming: 100 nodes of 100 entries.</summary>
    public static long DefaultApproxLimit => StreamNodeLimits.Default.DefaultApproxLimit;

    /// <summary>Keep at most <paramref name="maxLen"/> entries (approximately: whole nodes, at most <paramref name="limit"/> entries removed).</summary>
    public static StreamTrim ToMaxLength(long maxLen, bool approx = false, long? limit = null) =>
        new(TrimStrategy.MaxLen, maxLen, default, approx, approx ? limit ?? DefaultApproxLimit : 0);

    /// <summary>Remove the entries below <paramref name="minId"/> (approximately: whole nodes, at most <paramref name="limit"/> entries removed).</summary>
    public static StreamTrim ToMinId(StreamEntryId minId, bool approx = false, long? limit = null) =>
        new(TrimStrategy.MinId, 0, minId, approx, approx ? limit ?? DefaultApproxLimit : 0);
}
