using OrleansStreams.Streams;

namespace OrleansStreams.Client;

/// <summary>The options of an append (XADD): an explicit ID, trimming, NOMKSTREAM.</summary>
public sealed record AddOptions
{
    /// <summary>The entry's ID; null: generated (<c>*</c>).</summary>
    public StreamEntryId? Id { get; init; }

    /// <summary>The sequence is generated for this millisecond part (<c>ms-*</c>); ignored when <see cref="Id"/> is set.</summary>
    public ulong? IdMilliseconds { get; init; }

    /// <summary>Trim the stream after the append (MAXLEN or MINID, exact or approximate).</summary>
    public TrimOptions? Trim { get; init; }

    /// <summary>Do not create a missing stream (NOMKSTREAM): the append then throws <see cref="StreamNotFoundException"/>.</summary>
    public bool NoMakeStream { get; init; }
}

/// <summary>How to trim a stream: to a maximum length or to a minimum ID, exactly or approximately (<c>~</c>, whole nodes only).</summary>
public sealed record TrimOptions
{
    private TrimOptions(StreamTrim spec) => Spec = spec;

    internal StreamTrim Spec { get; }

    /// <summary>Keep at most <paramref name="maxLength"/> entries (MAXLEN).</summary>
    public static TrimOptions MaxLength(long maxLength, bool approximate = false, long? limit = null) =>
        new(StreamTrim.ToMaxLength(maxLength, approximate, limit));

    /// <summary>Remove the entries below <paramref name="minId"/> (MINID).</summary>
    public static TrimOptions MinId(StreamEntryId minId, bool approximate = false, long? limit = null) =>
        new(StreamTrim.ToMinId(minId, approximate, limit));
}
