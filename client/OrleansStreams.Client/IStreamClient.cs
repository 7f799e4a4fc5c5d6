using OrleansStreams.Streams;

namespace OrleansStreams.Client;

/// <summary>
/// Streams, consumer groups and workers of an OrleansStreams cluster, over the Orleans client: the
/// same grains and rules as the RESP gateway, with typed results and typed exceptions
/// (<see cref="StreamException"/> and its subclasses) instead of replies to parse. Stream names are
/// keys of database <see cref="OrleansStreamsClientOptions.Database"/>, the same keys redis-cli sees.
/// </summary>
public interface IStreamClient
{
    /// <summary>How typed values become fields and back.</summary>
    EntrySerializer Serializer { get; }

    /// <summary>The pipelines of the cluster.</summary>
    IPipelineClient Pipelines { get; }

    // ---- add (XADD)

    /// <summary>Appends one entry (XADD) and returns its ID.</summary>
    /// <exception cref="StreamNotFoundException">With <see cref="AddOptions.NoMakeStream"/>, the stream does not exist.</exception>
    /// <exception cref="IdTooSmallException">The explicit ID is not above the stream's last ID.</exception>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    Task<StreamEntryId> AddAsync(string stream, IReadOnlyList<StreamField> fields, AddOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Appends <paramref name="value"/> as fields or as one JSON field (<see cref="Serializer"/>).</summary>
    Task<StreamEntryId> AddAsync<T>(string stream, T value, AddOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Appends entries in one call, in order; the IDs come back in the same order.</summary>
    Task<IReadOnlyList<StreamEntryId>> AddBatchAsync(string stream, IEnumerable<IReadOnlyList<StreamField>> entries, AddOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Appends typed values in one call.</summary>
    Task<IReadOnlyList<StreamEntryId>> AddBatchAsync<T>(string stream, IEnumerable<T> values, AddOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends to the partition of <paramref name="key"/> in a topic of <paramref name="partitions"/> streams
    /// (<c>{topic}:0</c> … <c>{topic}:{partitions-1}</c>); the partition is <see cref="Partitioning.KeyPartitioner.PartitionOf"/>.
    /// </summary>
    Task<(string Stream, StreamEntryId Id)> AddKeyedAsync(string topic, int partitions, string key, IReadOnlyList<StreamField> fields, AddOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Appends a typed value to the partition of <paramref name="key"/>.</summary>
    Task<(string Stream, StreamEntryId Id)> AddKeyedAsync<T>(string topic, int partitions, string key, T value, AddOptions? options = null, CancellationToken cancellationToken = default);

    // ---- read (XRANGE, XREVRANGE, XREAD)

    /// <summary>Entries from <paramref name="start"/> to <paramref name="end"/> inclusive (null: <c>-</c> and <c>+</c>), at most <paramref name="count"/>.</summary>
    Task<IReadOnlyList<StreamMessage>> RangeAsync(string stream, StreamEntryId? start = null, StreamEntryId? end = null, int? count = null, CancellationToken cancellationToken = default);

    /// <summary>Entries from <paramref name="end"/> down to <paramref name="start"/> (XREVRANGE).</summary>
    Task<IReadOnlyList<StreamMessage>> ReverseRangeAsync(string stream, StreamEntryId? end = null, StreamEntryId? start = null, int? count = null, CancellationToken cancellationToken = default);

    /// <summary>Entries after <paramref name="after"/> (XREAD without BLOCK); empty when there are none or the stream does not exist.</summary>
    Task<IReadOnlyList<StreamMessage>> ReadAsync(string stream, StreamEntryId after, int? count = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every entry after <paramref name="after"/> (null: only entries added from now on, <c>$</c>), waiting
    /// for new ones (as XREAD BLOCK) until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<StreamMessage> TailAsync(string stream, StreamEntryId? after = null, CancellationToken cancellationToken = default);

    /// <summary>The number of entries (XLEN); 0 when the stream does not exist.</summary>
    Task<long> LengthAsync(string stream, CancellationToken cancellationToken = default);

    // ---- consumer groups

    /// <summary>Creates a group (XGROUP CREATE), creating the stream when <paramref name="makeStream"/> (MKSTREAM).</summary>
    /// <exception cref="GroupExistsException">The group exists.</exception>
    /// <exception cref="StreamNotFoundException">The stream does not exist and <paramref name="makeStream"/> is false.</exception>
    Task CreateGroupAsync(string stream, string group, GroupPosition position, bool makeStream = false, CancellationToken cancellationToken = default);

    /// <summary>Destroys a group (XGROUP DESTROY); false when there was none.</summary>
    Task<bool> DestroyGroupAsync(string stream, string group, CancellationToken cancellationToken = default);

    /// <summary>Moves a group's cursor (XGROUP SETID).</summary>
    Task SetGroupPositionAsync(string stream, string group, GroupPosition position, CancellationToken cancellationToken = default);

    /// <summary>Creates a consumer (XGROUP CREATECONSUMER); false when it existed.</summary>
    Task<bool> CreateConsumerAsync(string stream, string group, string consumer, CancellationToken cancellationToken = default);

    /// <summary>Deletes a consumer (XGROUP DELCONSUMER) and returns how many entries it had pending.</summary>
    Task<long> DeleteConsumerAsync(string stream, string group, string consumer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads for <paramref name="consumer"/> (XREADGROUP): new entries, or the consumer's own pending
    /// ones with <see cref="ReadGroupOptions.PendingAfter"/>; empty when there are none (after
    /// <see cref="ReadGroupOptions.Block"/>).
    /// </summary>
    Task<IReadOnlyList<StreamMessage>> ReadGroupAsync(string stream, string group, string consumer, ReadGroupOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges entries (XACK) and returns how many were pending.</summary>
    Task<long> AcknowledgeAsync(string stream, string group, IReadOnlyList<StreamEntryId> ids, CancellationToken cancellationToken = default);

    /// <summary>The group's pending summary (XPENDING key group).</summary>
    Task<PendingSummary> PendingAsync(string stream, string group, CancellationToken cancellationToken = default);

    /// <summary>The pending entries in a range (XPENDING key group [IDLE ms] start end count [consumer]).</summary>
    Task<IReadOnlyList<PendingMessage>> PendingMessagesAsync(string stream, string group, PendingQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Claims entries idle at least <paramref name="minIdle"/> for <paramref name="consumer"/> (XCLAIM); entries the stream no longer has are dropped.</summary>
    Task<IReadOnlyList<StreamMessage>> ClaimAsync(string stream, string group, string consumer, TimeSpan minIdle, IReadOnlyList<StreamEntryId> ids, ClaimOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="count"/> entries idle at least <paramref name="minIdle"/> from <paramref name="start"/> on (XAUTOCLAIM).</summary>
    Task<AutoClaimResult> AutoClaimAsync(string stream, string group, string consumer, TimeSpan minIdle, StreamEntryId start, int count = 100, CancellationToken cancellationToken = default);

    /// <summary>After <paramref name="maxDeliveries"/> deliveries, entries move to <paramref name="deadLetterStream"/> (0 removes the policy; XGROUP SETDEADLETTER).</summary>
    Task SetDeadLetterAsync(string stream, string group, long maxDeliveries, string? deadLetterStream, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a worker until <paramref name="cancellationToken"/> is cancelled: reads batches for
    /// <paramref name="consumer"/> (its own pending entries first), runs <paramref name="handler"/> on up to
    /// <see cref="ConsumeOptions.Concurrency"/> entries at once, acknowledges each entry after its handler
    /// succeeds, retries failures with backoff, reclaims entries other consumers left idle, and lets the
    /// group dead-letter entries delivered too often. On cancellation it stops reading, lets running
    /// handlers finish and acknowledges them before it returns.
    /// </summary>
    Task ConsumeAsync(string stream, string group, string consumer, Func<StreamMessage, CancellationToken, Task> handler, ConsumeOptions? options = null, CancellationToken cancellationToken = default);

    // ---- trim and delete

    /// <summary>Trims the stream (XTRIM) and returns how many entries were removed.</summary>
    Task<long> TrimAsync(string stream, TrimOptions trim, CancellationToken cancellationToken = default);

    /// <summary>Deletes entries (XDEL) and returns how many existed.</summary>
    Task<long> DeleteEntriesAsync(string stream, IReadOnlyList<StreamEntryId> ids, CancellationToken cancellationToken = default);

    /// <summary>Deletes the stream with its groups (DEL); false when there was none.</summary>
    Task<bool> DeleteStreamAsync(string stream, CancellationToken cancellationToken = default);

    // ---- info

    /// <summary>The stream's metadata (XINFO STREAM).</summary>
    /// <exception cref="StreamNotFoundException">The stream does not exist.</exception>
    Task<StreamDescription> InfoAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>The stream's groups (XINFO GROUPS).</summary>
    Task<IReadOnlyList<GroupDescription>> GroupsAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>A group's consumers (XINFO CONSUMERS).</summary>
    Task<IReadOnlyList<ConsumerDescription>> ConsumersAsync(string stream, string group, CancellationToken cancellationToken = default);

    /// <summary>The stream's health against <paramref name="thresholds"/>: length, pending, lag, groups without consumers, oldest idle pending entry.</summary>
    Task<StreamHealthReport> HealthAsync(string stream, HealthThresholds? thresholds = null, CancellationToken cancellationToken = default);

    /// <summary>The keys of the database that hold streams (at most <paramref name="max"/>).</summary>
    Task<IReadOnlyList<string>> ListStreamsAsync(int max = 1000, CancellationToken cancellationToken = default);
}
