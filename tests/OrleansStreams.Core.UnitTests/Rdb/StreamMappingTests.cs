using System.Text;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Rdb;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.Rdb;

public sealed class StreamMappingTests
{
    /// <summary>The fixture of the integration tests' Redis 6 restore (tests/OrleansStreams.IntegrationTests/Fixtures/stream-redis6.hex).</summary>
    internal static readonly string Redis6FixturePath = Path.Combine(AppContext.BaseDirectory, "stream-redis6.hex");

    private static RdbStream RedisStream => (RdbStream)DumpPayload.Read(RedisDumps.Bytes("stream"));

    [Fact]
    public void Restored_stream_keeps_nodes_slots_counters_and_groups()
    {
        var rdb = RedisStream;

        var (snapshot, states) = RdbStreamMapping.FromRdb(rdb);
        var groups = snapshot.Groups.Select(g => ConsumerGroup.DecodeSnapshot(states[g], out _)).ToList();
        var back = RdbStreamMapping.ToRdb(snapshot, groups);

        Assert.Equal(rdb.Nodes.Select(n => n.Slots.Count), snapshot.NodeSlots);
        Assert.Equal(rdb.Nodes.SelectMany(n => n.Slots).Select(s => (s.Id, s.Deleted)), back.Nodes.SelectMany(n => n.Slots).Select(s => (s.Id, s.Deleted)));
        Assert.Equal(
            rdb.Nodes.SelectMany(n => n.Slots).Where(s => !s.Deleted).Select(s => Text(s.Fields)),
            back.Nodes.SelectMany(n => n.Slots).Where(s => !s.Deleted).Select(s => Text(s.Fields)));
        Assert.Equal((rdb.Length, rdb.LastId, rdb.FirstId, rdb.MaxDeletedId, rdb.EntriesAdded), (back.Length, back.LastId, back.FirstId, back.MaxDeletedId, back.EntriesAdded));
        Assert.Equal(Describe(rdb.Groups), Describe(back.Groups));
    }

    [Fact]
    public void Redis6_stream_gets_the_counters_redis_7_computes()
    {
        var rdb = RedisStream;
        var payload = Redis6StreamPayload.Create(rdb);

        var read = Assert.IsType<RdbStream>(DumpPayload.Read(payload));

        Assert.Equal(read.Length, read.EntriesAdded);
        Assert.Equal(StreamEntryId.Min, read.MaxDeletedId);
        Assert.Equal(rdb.FirstId, read.FirstId);
        // g1 read up to 1005-1, inside the stream: unknown; g2 sits at the last ID: entries-added.
        Assert.Equal([ConsumerGroup.UnknownEntriesRead, (long)read.Length], read.Groups.Select(g => g.EntriesRead));
        Assert.Equal(Describe(rdb.Groups, withEntriesRead: false), Describe(read.Groups, withEntriesRead: false));
    }

    [Fact]
    public void Redis6_fixture_of_the_integration_tests_is_this_writer_s_output() =>
        Assert.Equal(File.ReadAllText(Redis6FixturePath).Trim(), Convert.ToHexString(Redis6StreamPayload.Create(RedisStream)));

    [Fact]
    public void Empty_redis6_stream_has_the_maximum_id_as_first_id_as_redis_7_loads_it()
    {
        var empty = new RdbStream([], 0, new StreamEntryId(5, 0), default, default, 0, []);

        var read = Assert.IsType<RdbStream>(DumpPayload.Read(Redis6StreamPayload.Create(empty)));

        Assert.Equal(StreamEntryId.Max, read.FirstId);
    }

    [Fact]
    public void Pending_entry_without_a_consumer_is_a_format_error()
    {
        var rdb = RedisStream;
        var orphan = rdb with { Groups = [rdb.Groups[0] with { Consumers = [] }] };

        Assert.Throws<RdbFormatException>(() => DumpPayload.Read(DumpPayload.Create(orphan)));
    }

    private static string Text(byte[][] fields) => string.Join(',', fields.Select(Encoding.Latin1.GetString));

    private static string Describe(IEnumerable<RdbStreamGroup> groups, bool withEntriesRead = true) => string.Join(";", groups.Select(g =>
        $"{Encoding.Latin1.GetString(g.Name)} {g.LastDeliveredId} {(withEntriesRead ? g.EntriesRead : "")} " +
        string.Join(',', g.Pending.Select(p => $"{p.Id}@{p.DeliveryTimeMs}x{p.DeliveryCount}")) + " " +
        string.Join(',', g.Consumers.Select(c => $"{Encoding.Latin1.GetString(c.Name)}@{c.SeenTimeMs}[{string.Join(' ', c.Pending)}]"))));
}
