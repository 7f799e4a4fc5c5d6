namespace OrleansStreams.Streams;

/// <summary>
/// One change to a stream log, as journaled: replaying the mutations in order on the stored state
/// rebuilds the log exactly (node boundaries included, so approximate trims replay the same).
/// </summary>
public abstract record StreamMutation
{
    /// <summary>An append; <see cref="StartsNode"/> says whether it opened a new node (null in journals written before it was recorded: decided by the default node limits on replay).</summary>
    public sealed record Append(StreamEntry Entry, bool? StartsNode) : StreamMutation;

    public sealed record Delete(StreamEntryId[] Ids) : StreamMutation;

    public sealed record Trim(StreamTrim Spec) : StreamMutation;

    public sealed record SetId(StreamEntryId LastId, ulong? EntriesAdded, StreamEntryId? MaxDeletedId) : StreamMutation;

    public sealed record GroupAdded(string Name) : StreamMutation;

    public sealed record GroupRemoved(string Name) : StreamMutation;
}
