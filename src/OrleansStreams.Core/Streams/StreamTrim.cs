namespace OrleansStreams.Streams;

public enum TrimStrategy
{
    None,
    MaxLen,
    MinId,
}

/// <summary>The trimming part of XADD and XTRIM: MAXLEN or MINID, exact (<c>=</c>) or approximate (<c>~</c>) with LIMIT.</summary>
public sealed record StreamTrim(TrimStrategy Strategy, long MaxLen, StreamEntryId MinId, bool Approx, long Limit)
{
    public static readonly StreamTrim None = new(TrimStrategy.None, 0, default, false, 0);
}
