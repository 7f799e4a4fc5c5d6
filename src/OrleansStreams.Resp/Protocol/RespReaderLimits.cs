namespace OrleansStreams.Resp.Protocol;

/// <summary>
/// The sizes a client may declare or send before <see cref="RespReader"/> answers a protocol error,
/// named after the Redis settings they mirror.
/// </summary>
public sealed record RespReaderLimits
{
    /// <summary>The defaults of Redis 7: 512 MB bulks, 64 KB inline requests.</summary>
    public static RespReaderLimits Default { get; } = new();

    /// <summary>Largest bulk argument (<c>proto-max-bulk-len</c>); a larger declared length is an invalid bulk length.</summary>
    public long MaxBulkLength { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// Most arguments in one multibulk; a larger count is an invalid multibulk length. Redis 7.0 only
    /// rejects counts above <see cref="int.MaxValue"/>; this product caps lower to bound the work per command.
    /// </summary>
    public int MaxMultibulkCount { get; init; } = 1024 * 1024;

    /// <summary>
    /// Bytes a line may hold before its terminator arrives (<c>PROTO_INLINE_MAX_SIZE</c>): an inline
    /// request, a <c>*N</c> count line or a <c>$N</c> length line.
    /// </summary>
    public int MaxInlineSize { get; init; } = 64 * 1024;

    /// <summary>
    /// True while the connection has not authenticated on a server with a password: Redis then refuses
    /// multibulks above 10 arguments and bulks above 16384 bytes.
    /// </summary>
    public bool Unauthenticated { get; init; }
}
