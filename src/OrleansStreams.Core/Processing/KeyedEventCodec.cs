using OrleansStreams.Streams;

namespace OrleansStreams.Processing;

/// <summary>
/// The journal form of a batch of keyed events: a count, then per event the key, the event time, the source
/// entry ID, and the values and fields (each string preceded by a presence byte, so nulls survive).
/// </summary>
public static class KeyedEventCodec
{
    public static void Write(BinaryWriter writer, IReadOnlyList<KeyedEvent> events)
    {
        writer.Write7BitEncodedInt(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            WriteEvent(writer, events[i]);
        }
    }

    public static List<KeyedEvent> Read(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        var events = new List<KeyedEvent>(count);
        for (var i = 0; i < count; i++)
        {
            events.Add(ReadEvent(reader));
        }
        return events;
    }

    internal static void WriteEvent(BinaryWriter writer, KeyedEvent e)
    {
        writer.Write(e.Key);
        writer.Write(e.Timestamp);
        StreamCodec.WriteId(writer, e.SourceId);
        WriteStrings(writer, e.Values);
        if (e.Fields is null)
        {
            writer.Write(false);
        }
        else
        {
            writer.Write(true);
            WriteStrings(writer, e.Fields);
        }
    }

    internal static KeyedEvent ReadEvent(BinaryReader reader)
    {
        var key = reader.ReadString();
        var timestamp = reader.ReadInt64();
        var id = StreamCodec.ReadId(reader);
        var values = ReadStrings(reader);
        var fields = reader.ReadBoolean() ? ReadStrings(reader) : null;
        return new KeyedEvent(key, timestamp, id, values, fields);
    }

    private static void WriteStrings(BinaryWriter writer, string?[] values)
    {
        writer.Write7BitEncodedInt(values.Length);
        foreach (var value in values)
        {
            writer.Write(value is not null);
            if (value is not null)
            {
                writer.Write(value);
            }
        }
    }

    // Fields are declared non-null but a writer may still have put a null there; it reads back as null.
    private static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[reader.Read7BitEncodedInt()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadBoolean() ? reader.ReadString() : null!;
        }
        return values;
    }
}
