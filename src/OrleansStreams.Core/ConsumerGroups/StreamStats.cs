using OrleansStreams.Streams;

namespace OrleansStreams.ConsumerGroups;

/// <summary>
/// The counters of a stream that a consumer group needs to track entries-read and lag (Redis 7's
/// entries_added, length, first_id, last_id, max_deleted_entry_id), passed in because the group does not hold the stream.
/// </summary>
public readonly record struct StreamStats(ulong EntriesAdded, long Length, StreamEntryId FirstId, StreamEntryId LastId, StreamEntryId MaxDeletedId)
{
    public static StreamStats Of(StreamLog log) => new(log.EntriesAdded, log.Length, log.FirstId, log.LastId, log.MaxDeletedId);
}
