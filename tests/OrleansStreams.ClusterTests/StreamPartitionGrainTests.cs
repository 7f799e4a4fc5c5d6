using System.Text;
using OrleansStreams.Grains;
using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using OrleansStreams.Streams;

using static OrleansStreams.ClusterTests.GrainCommands;

namespace OrleansStreams.ClusterTests;

[Collection(ClusterCollection.Name)]
public class StreamPartitionGrainTests(ClusterFixture fixture)
{
    private IStreamPartitionGrain Stream(string name) => fixture.Stream(name);

    private IDatabaseGrain Db(int db = 0) => fixture.Grains.GetGrain<IDatabaseGrain>(db);

    [Fact]
    public async Task Batched_xadds_get_increasing_ids_and_register_the_key_as_a_stream()
    {
        var name = "s-" + Guid.NewGuid().ToString("N");
        var results = await Stream(name).Execute(Ops(
            Append(Id(1, 1), "f", "v"),
            new StreamOperation.Append(false, StreamTrim.None, true, false, Id(1), Fields("f", "v")),
            new StreamOperation.Length()));
        Assert.Equal(new StreamResult.Appended(Id(1, 1)), results[0]);
        Assert.Equal(new StreamResult.Appended(Id(1, 2)), results[1]);
        Assert.Equal(new StreamResult.Counted(2), results[2]);
        Assert.Equal("stream", await Db().TypeOf(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public async Task Xadd_on_a_string_key_is_a_wrongtype_error()
    {
        var name = "str-" + Guid.NewGuid().ToString("N");
        await Db().Execute(Ops(SetString(name, "x")));
        var results = await Stream(name).Execute(Ops(AppendAuto("f", "v"), All()));
        Assert.Equal(new StreamResult.Failed(StreamError.WrongType), results[0]);
        Assert.Equal(new StreamResult.Failed(StreamError.WrongType), results[1]);
    }

    [Fact]
    public async Task Del_of_a_stream_key_removes_the_stream_data()
    {
        var name = "d-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(Ops(Append(Id(5), "f", "v")));
        var del = await Db().Execute(Ops(new KeyspaceOperation.Delete([Bytes(name)])));
        Assert.Equal(KeyspaceResult.One, del[0]);
        var len = await Stream(name).Execute(Ops(new StreamOperation.Length()));
        Assert.Equal(new StreamResult.Counted(0), len[0]);
        Assert.Equal("none", await Db().TypeOf(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public async Task Rename_moves_a_stream_with_its_metadata()
    {
        var from = "r-" + Guid.NewGuid().ToString("N");
        var to = from + "-new";
        await Stream(from).Execute(Ops(Append(Id(1), "a", "1"), Append(Id(2), "b", "2"), new StreamOperation.Delete([Id(1)])));
        Assert.Equal(KeyspaceResult.Ok, (await Db().Execute(Ops(new KeyspaceOperation.Rename(Bytes(from), Bytes(to), false))))[0]);
        var moved = await Stream(to).Execute(Ops(new StreamOperation.Length(), new StreamOperation.Info(false, 0)));
        Assert.Equal(new StreamResult.Counted(1), moved[0]);
        var info = Assert.IsType<StreamResult.Described>(moved[1]).Info;
        Assert.Equal(Id(1), info.MaxDeletedEntryId);
        Assert.Equal(Id(2), info.LastGeneratedId);
        Assert.Equal(new StreamResult.Counted(0), (await Stream(from).Execute(Ops(new StreamOperation.Length())))[0]);
    }

    [Fact]
    public async Task Stream_survives_deactivation_with_cold_segments_reloaded_from_the_file_store()
    {
        var name = "p-" + Guid.NewGuid().ToString("N");
        var stream = Stream(name);
        for (var round = 0; round < 10; round++)
        {
            var batch = Enumerable.Range(1, 50).Select(i => Append(Id((ulong)(round * 50 + i)), "f", $"{round * 50 + i}")).ToArray();
            await stream.Execute(Ops(batch));
        }
        var edits = await stream.Execute(Ops(new StreamOperation.Delete([Id(3)]), new StreamOperation.Trim(StreamTrim.ToMinId(Id(10)))));
        Assert.Equal([new StreamResult.Counted(1), new StreamResult.Counted(8)], edits);
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var results = await Stream(name).Execute(Ops(
            new StreamOperation.Length(),
            All(2),
            new StreamOperation.Range(StreamEntryId.Min, StreamEntryId.Max, 1, Reverse: true)));
        Assert.Equal(new StreamResult.Counted(491), results[0]);
        Assert.Equal([Id(10), Id(11)], Assert.IsType<StreamResult.Entries>(results[1]).Items.Select(e => e.Id));
        var last = Assert.Single(Assert.IsType<StreamResult.Entries>(results[2]).Items);
        Assert.Equal(Id(500), last.Id);
        Assert.Equal(Fields("f", "500"), last.Fields);
    }

    [Fact]
    public async Task A_full_tail_segment_loaded_from_a_snapshot_is_stored_when_a_later_append_seals_it()
    {
        // 20 entries a segment: 60 seal two (a checkpoint is due) and leave the open tail full in the snapshot.
        var name = "tail-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(Ops(Appends(1, 60)));
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The next activation seals that tail with its first append, then checkpoints two more segments.
        await Stream(name).Execute(Ops(Appends(61, 101)));
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var all = Assert.IsType<StreamResult.Entries>((await Stream(name).Execute(Ops(All())))[0]);
        Assert.Equal(Enumerable.Range(1, 101).Select(i => Id((ulong)i)), all.Items.Select(e => e.Id));
    }

    private static StreamOperation[] Appends(int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(i => Append(Id((ulong)i), "f", $"{i}")).ToArray();

    [Fact]
    public async Task Watcher_on_the_client_is_woken_by_an_append()
    {
        var name = "w-" + Guid.NewGuid().ToString("N");
        var watcher = new Watcher();
        var reference = fixture.Cluster.Client.CreateObjectReference<IStreamWatcher>(watcher);
        await Stream(name).Watch(reference);
        await Stream(name).Execute(Ops(AppendAuto("f", "v")));
        var woken = await watcher.Woken.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(GrainKeys.Stream(0, Encoding.UTF8.GetBytes(name)), woken);
    }

    [Fact]
    public async Task Read_resolves_dollar_to_the_last_id_and_returns_later_entries()
    {
        var name = "x-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(Ops(Append(Id(1), "f", "v")));
        var dollar = await Stream(name).Read(new StreamReadRequest(default, true, false, 0));
        Assert.Empty(dollar.Entries);
        Assert.Equal(new StreamEntryId(1, 0), dollar.Continuation);
        await Stream(name).Execute(Ops(Append(Id(2), "f", "v")));
        var next = await Stream(name).Read(new StreamReadRequest(dollar.Continuation, false, false, 10));
        Assert.Equal(new StreamEntryId(2, 0), Assert.Single(next.Entries).Id);
    }

    [Fact]
    public async Task Stream_with_a_ttl_is_deleted_when_it_expires_even_if_nobody_reads_it()
    {
        var name = "ttl-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(Ops(Append(Id(1), "f", "v")));
        Assert.Equal(KeyspaceResult.One, (await Db().Execute(Ops(new KeyspaceOperation.Expire(Bytes(name), 100, false, false, ExpireCondition.None))))[0]);
        // The database forgets the key first and then deletes the stream's grain state (an effect it does not wait for in TypeOf).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await Db().TypeOf(Encoding.UTF8.GetBytes(name)) != "none"
            || (await Stream(name).Execute(Ops(new StreamOperation.Length())))[0] != new StreamResult.Counted(0)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal("none", await Db().TypeOf(Encoding.UTF8.GetBytes(name)));
        Assert.Equal(new StreamResult.Counted(0), (await Stream(name).Execute(Ops(new StreamOperation.Length())))[0]);
    }

    private sealed class Watcher : IStreamWatcher
    {
        public TaskCompletionSource<string> Woken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnAppended(string streamKey) => Woken.TrySetResult(streamKey);
    }
}
