namespace OrleansStreams.Streams;

/// <summary>
/// One change to a stream log, as journaled: replaying the mutations in order on the stored state
/// rebuilds the log exactly (node boundaries included, so approximate trims replay the same).
/// </summary>
public abstract record StreamMutation
{
    public sealed record Append(StreamEntry Entry) : StreamMutation;

    public sealed record Delete(StreamEntryId[] Ids) : StreamMutation;

    public sealed record Trim(StreamTrim Spec) : StreamMutation;

    public sealed record SetId(StreamEntryId LastId, ulong? EntriesAdded, StreamEntryId? MaxDeletedId) : StreamMutation;

    public sealed record GroupAdded(string Name) : StreamMutation;

    public sealed record GroupRemoved(string Name) : StreamMutation;
}
