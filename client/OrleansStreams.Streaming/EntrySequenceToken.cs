using Orleans.Streams;
using OrleansStreams.Streams;

namespace OrleansStreams.Streaming;

/// <summary>
/// The position of an entry in its partition: the entry's ID. Tokens order by ID, so a subscriber can
/// resume from the token of the last entry it handled. <see cref="SequenceNumber"/> (the ID's
/// milliseconds) and <see cref="EventIndex"/> (its sequence part, capped) are derived from the ID for
/// code that reads them; the ID alone is compared and serialized.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.entrytoken")]
public sealed class EntrySequenceToken : StreamSequenceToken
{
    public EntrySequenceToken(StreamEntryId id) => Id = id;

    /// <summary>
    /// The token to resume after <paramref name="id"/>, the last entry handled: subscribing with an entry's
    /// own token delivers that entry again (Orleans starts at the token), this one starts at the next.
    /// </summary>
    public static EntrySequenceToken After(StreamEntryId id) => new(id.Next() ?? id);

    /// <summary>The entry's ID.</summary>
    [Id(0)]
    public StreamEntryId Id { get; private set; }

    public override long SequenceNumber
    {
        get => (long)Math.Min(Id.Ms, long.MaxValue);
        protected set => throw new NotSupportedException("The sequence number is derived from the entry ID.");
    }

    public override int EventIndex
    {
        get => (int)Math.Min(Id.Seq, int.MaxValue);
        protected set => throw new NotSupportedException("The event index is derived from the entry ID.");
    }

    public override bool Equals(StreamSequenceToken? other) => other is EntrySequenceToken token && token.Id == Id;

    public override bool Equals(object? obj) => obj is EntrySequenceToken token && token.Id == Id;

    public override int GetHashCode() => Id.GetHashCode();

    /// <exception cref="ArgumentException"><paramref name="other"/> is another provider's token.</exception>
    public override int CompareTo(StreamSequenceToken? other) => other switch
    {
        null => 1,
        EntrySequenceToken token => Id.CompareTo(token.Id),
        _ => throw new ArgumentException($"An entry ID token cannot be compared with a {other.GetType().Name}.", nameof(other)),
    };

    public override string ToString() => Id.ToString();
}
