namespace OrleansStreams.Streams;

/// <summary>
/// When an append starts a new node, as Redis' <c>stream-node-max-entries</c> (slots, deleted ones
/// included; 0: no limit) and <c>stream-node-max-bytes</c> (the node's listpack size; 0: 1 GiB). They
/// decide where approximate trimming (<c>~</c>) can cut, so each append carries the values the
/// gateway's CONFIG holds at that moment.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.StreamNodeLimits")]
public sealed record StreamNodeLimits([property: Id(0)] long MaxEntries, [property: Id(1)] long MaxBytes)
{
    /// <summary>Redis' defaults: 100 entries, 4096 bytes.</summary>
    public static readonly StreamNodeLimits Default = new(100, 4096);

    /// <summary>
    /// Redis' default LIMIT of an approximate trim: 100 nodes' worth of entries, 10,000 when
    /// <see cref="MaxEntries"/> is 0, at most 1,000,000.
    /// </summary>
    public long DefaultApproxLimit => MaxEntries <= 0 ? 10_000 : MaxEntries >= 10_000 ? 1_000_000 : 100 * MaxEntries;
}
