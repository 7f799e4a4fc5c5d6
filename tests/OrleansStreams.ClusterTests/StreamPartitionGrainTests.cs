using System.Text;
using OrleansStreams.Grains;
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
        var replies = await Stream(name).Execute(Batch(Cmd("XADD", name, "1-1", "f", "v"), Cmd("XADD", name, "1-*", "f", "v"), Cmd("XLEN", name)));
        Assert.Equal("1-1", replies[0].ToString());
        Assert.Equal("1-2", replies[1].ToString());
        Assert.Equal(new IntegerReply(2), replies[2]);
        Assert.Equal("stream", await Db().TypeOf(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public async Task Xadd_on_a_string_key_is_a_wrongtype_error()
    {
        var name = "str-" + Guid.NewGuid().ToString("N");
        await Db().Execute(Batch(Cmd("SET", name, "x")));
        var replies = await Stream(name).Execute(Batch(Cmd("XADD", name, "*", "f", "v"), Cmd("XRANGE", name, "-", "+")));
        Assert.Equal(new ErrorReply(RedisErrors.WrongType), replies[0]);
        Assert.Equal(new ErrorReply(RedisErrors.WrongType), replies[1]);
    }

    [Fact]
    public async Task Del_of_a_stream_key_removes_the_stream_data()
    {
        var name = "d-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(Batch(Cmd("XADD", name, "5-0", "f", "v")));
        var del = await Db().Execute(Batch(Cmd("DEL", name)));
        Assert.Equal(new IntegerReply(1), del[0]);
        var len = await Stream(name).Execute(Batch(Cmd("XLEN", name)));
        Assert.Equal(new IntegerReply(0), len[0]);
        Assert.Equal("none", await Db().TypeOf(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public async Task Rename_moves_a_stream_with_its_metadata()
    {
        var from = "r-" + Guid.NewGuid().ToString("N");
        var to = from + "-new";
        await Stream(from).Execute(Batch(Cmd("XADD", from, "1-0", "a", "1"), Cmd("XADD", from, "2-0", "b", "2"), Cmd("XDEL", from, "1-0")));
        Assert.Equal(Reply.Ok, (await Db().Execute(Batch(Cmd("RENAME", from, to))))[0]);
        var moved = await Stream(to).Execute(Batch(Cmd("XLEN", to), Cmd("XINFO", "STREAM", to)));
        Assert.Equal(new IntegerReply(1), moved[0]);
        var info = (MapReply)moved[1];
        Assert.Equal("1-0", info.KeysAndValues[9].ToString()); // max-deleted-entry-id
        Assert.Equal(new IntegerReply(0), (await Stream(from).Execute(Batch(Cmd("XLEN", from))))[0]);
    }

    [Fact]
    public async Task Stream_survives_deactivation_with_cold_segments_reloaded_from_the_file_store()
    {
        var name = "p-" + Guid.NewGuid().ToString("N");
        var stream = Stream(name);
        for (var round = 0; round < 10; round++)
        {
            var batch = Enumerable.Range(1, 50).Select(i => Cmd("XADD", name, $"{round * 50 + i}-0", "f", $"{round * 50 + i}")).ToArray();
            await stream.Execute(Batch(batch));
        }
        await stream.Execute(Batch(Cmd("XDEL", name, "3-0"), Cmd("XTRIM", name, "MINID", "10")));
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var replies = await Stream(name).Execute(Batch(Cmd("XLEN", name), Cmd("XRANGE", name, "-", "+", "COUNT", "2"), Cmd("XREVRANGE", name, "+", "-", "COUNT", "1")));
        Assert.Equal(new IntegerReply(491), replies[0]);
        var first = (ArrayReply)replies[1];
        Assert.Equal("10-0", ((ArrayReply)first.Items[0]).Items[0].ToString());
        Assert.Equal("500-0", ((ArrayReply)((ArrayReply)replies[2]).Items[0]).Items[0].ToString());
    }

    [Fact]
    public async Task Watcher_on_the_client_is_woken_by_an_append()
    {
        var name = "w-" + Guid.NewGuid().ToString("N");
        var watcher = new Watcher();
        var reference = fixture.Cluster.Client.CreateObjectReference<IStreamWatcher>(watcher);
        await Stream(name).Watch(reference);
        await Stream(name).Execute(Batch(Cmd("XADD", name, "*", "f", "v")));
        var woken = await watcher.Woken.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(GrainKeys.Stream(0, Encoding.UTF8.GetBytes(name)), woken);
    }

    [Fact]
    public async Task Read_resolves_dollar_to_the_last_id_and_returns_later_entries()
    {
        var name = "x-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(Batch(Cmd("XADD", name, "1-0", "f", "v")));
        var dollar = await Stream(name).Read(new StreamReadRequest(default, true, false, 0));
        Assert.Empty(dollar.Entries);
        Assert.Equal(new StreamEntryId(1, 0), dollar.Continuation);
        await Stream(name).Execute(Batch(Cmd("XADD", name, "2-0", "f", "v")));
        var next = await Stream(name).Read(new StreamReadRequest(dollar.Continuation, false, false, 10));
        Assert.Equal(new StreamEntryId(2, 0), Assert.Single(next.Entries).Id);
    }

    [Fact]
    public async Task Stream_with_a_ttl_is_deleted_when_it_expires_even_if_nobody_reads_it()
    {
        var name = "ttl-" + Guid.NewGuid().ToString("N");
        await Stream(name).Execute(Batch(Cmd("XADD", name, "1-0", "f", "v")));
        Assert.Equal(new IntegerReply(1), (await Db().Execute(Batch(Cmd("PEXPIRE", name, "100"))))[0]);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Db().TypeOf(Encoding.UTF8.GetBytes(name)) != "none" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal("none", await Db().TypeOf(Encoding.UTF8.GetBytes(name)));
        Assert.Equal(new IntegerReply(0), (await Stream(name).Execute(Batch(Cmd("XLEN", name))))[0]);
    }

    private sealed class Watcher : IStreamWatcher
    {
        public TaskCompletionSource<string> Woken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnAppended(string streamKey) => Woken.TrySetResult(streamKey);
    }
}
