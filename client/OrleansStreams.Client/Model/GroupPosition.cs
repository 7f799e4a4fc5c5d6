using OrleansStreams.ConsumerGroups;
using OrleansStreams.Streams;

namespace OrleansStreams.Client;

/// <summary>Where a consumer group starts reading: the beginning (<c>0</c>), the end (<c>$</c>) or after an ID.</summary>
public readonly record struct GroupPosition
{
    private GroupPosition(GroupStart start) => Start = start;

    internal GroupStart Start { get; }

    /// <summary>Every entry of the stream (<c>0</c>).</summary>
    public static GroupPosition Beginning => new(GroupStart.Beginning);

    /// <summary>Only entries added from now on (<c>$</c>).</summary>
    public static GroupPosition End => new(GroupStart.End);

    /// <summary>Entries after <paramref name="id"/>.</summary>
    public static GroupPosition After(StreamEntryId id) => new(GroupStart.After(id));

    public override string ToString() => Start.FromEnd ? "$" : Start.Id.ToString();
}
