using OrleansStreams.Processing;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.Processing;

public sealed class KeyedEventCodecTests
{
    [Fact]
    public void A_batch_round_trips_with_nulls_in_values_and_fields()
    {
        KeyedEvent[] events =
        [
            new("user:1", -5, new StreamEntryId(ulong.MaxValue, 7), ["1.5", null, ""], ["name", "ä", "x", null!]),
            new("", long.MaxValue, default, [], null),
        ];
        using var buffer = new MemoryStream();
        KeyedEventCodec.Write(new BinaryWriter(buffer), events);
        buffer.Position = 0;
        var read = KeyedEventCodec.Read(new BinaryReader(buffer));

        Assert.Equal(events.Length, read.Count);
        for (var i = 0; i < events.Length; i++)
        {
            Assert.Equal((events[i].Key, events[i].Timestamp, events[i].SourceId), (read[i].Key, read[i].Timestamp, read[i].SourceId));
            Assert.Equal(events[i].Values, read[i].Values);
            Assert.Equal(events[i].Fields, read[i].Fields);
        }
        Assert.Equal(buffer.Length, buffer.Position);
    }
}
