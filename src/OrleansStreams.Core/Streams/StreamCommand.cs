namespace OrleansStreams.Streams;

/// <summary>A parsed stream command for one stream, or the error its arguments earned.</summary>
public abstract record StreamCommand
{
    public sealed record Add(bool NoMkStream, StreamTrim Trim, bool IdGiven, bool SeqGiven, StreamEntryId Id, byte[][] Fields) : StreamCommand;

    /// <summary>XRANGE / XREVRANGE; <see cref="Count"/> is -1 without COUNT.</summary>
    public sealed record Range(StreamEntryId Start, StreamEntryId End, long Count, bool Reverse) : StreamCommand;

    public sealed record Len : StreamCommand;

    public sealed record Del(StreamEntryId[] Ids) : StreamCommand;

    public sealed record TrimOnly(StreamTrim Trim) : StreamCommand;

    public sealed record SetId(StreamEntryId LastId, long EntriesAdded, StreamEntryId MaxDeletedId) : StreamCommand;

    public sealed record Info(bool Full, long Count) : StreamCommand;

    public sealed record Invalid(string Error) : StreamCommand;
}
