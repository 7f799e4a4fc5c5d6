using Orleans.Runtime;
using Orleans.Streams;
using OrleansStreams.Client;
using OrleansStreams.Streams;

namespace OrleansStreams.Streaming;

/// <summary>
/// One stream entry on its way to Orleans subscribers. It travels between silos as the ID and the flat
/// field list; each subscriber reads it as its item type at delivery (<see cref="GetEvents{T}"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("os.entrybatch")]
public sealed class EntryBatchContainer : IBatchContainer
{
    public EntryBatchContainer(StreamId streamId, StreamMessage entry, string providerName)
    {
        StreamId = streamId;
        Token = new EntrySequenceToken(entry.Id);
        ProviderName = providerName;
        Fields = new string[entry.Fields.Count * 2];
        for (var i = 0; i < entry.Fields.Count; i++)
        {
            Fields[2 * i] = entry.Fields[i].Name;
            Fields[(2 * i) + 1] = entry.Fields[i].Value;
        }
    }

    [Id(0)]
    public StreamId StreamId { get; private set; }

    /// <summary>The entry's ID as a sequence token.</summary>
    [Id(1)]
    public EntrySequenceToken Token { get; private set; }

    /// <summary>The provider that read the entry; its <see cref="EntrySerializer"/> reads typed items.</summary>
    [Id(2)]
    public string ProviderName { get; private set; }

    /// <summary>Field names and values, alternating, in the entry's order.</summary>
    [Id(3)]
    public string[] Fields { get; private set; }

    public StreamSequenceToken SequenceToken => Token;

    /// <summary>The entry's ID.</summary>
    public StreamEntryId EntryId => Token.Id;

    /// <summary>
    /// The entry as a <typeparamref name="T"/>: a <see cref="StreamMessage"/> as it is, its field list, or
    /// any other type read by the provider's <see cref="EntrySerializer"/>.
    /// </summary>
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var message = ToMessage();
        object item = message is T ? message
            : message.Fields is T ? message.Fields
            : ProviderSerializers.Get(ProviderName).Deserialize<T>(message.Fields)!;
        return [Tuple.Create((T)item, SequenceToken)];
    }

    public bool ImportRequestContext() => false;

    /// <summary>The entry as the SDK returns it.</summary>
    public StreamMessage ToMessage()
    {
        var fields = new StreamField[Fields.Length / 2];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = new(Fields[2 * i], Fields[(2 * i) + 1]);
        }
        return new StreamMessage(EntryId, fields);
    }

    public override string ToString() => $"{StreamId} {EntryId}";
}
