using System.Collections.Concurrent;
using System.Globalization;
using OrleansStreams.Client;
using OrleansStreams.IntegrationTests.Clients;
using OrleansStreams.IntegrationTests.Harness;
using OrleansStreams.Streams;
using StackExchange.Redis;

namespace OrleansStreams.IntegrationTests.Sdk;

/// <summary>
/// The SDK as a separate program uses it: an Orleans client connected to a silo process through its
/// gateway port, next to Redis clients on the same silo's RESP port, with redis-server as the oracle of
/// error texts.
/// </summary>
[Collection(SharedSiloCollection.Name)]
public sealed class SdkProcessTests(SharedSiloFixture fixture) : IAsyncLifetime
{
    private OrleansStreamsConnection _connection = null!;
    private ConnectionMultiplexer _gateway = null!;
    private ConnectionMultiplexer _redis = null!;

    private IStreamClient Client => _connection.Streams;

    public async Task InitializeAsync()
    {
        _connection = await OrleansStreamsConnection.ConnectAsync(o => o.GatewayPort = fixture.Silo.Options.GatewayPort);
        _gateway = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{fixture.Silo.RespPort}");
        _redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.Endpoint);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _gateway.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static string Name(string prefix) => $"sdkp:{prefix}:{Guid.NewGuid():N}";

    [Fact]
    public async Task Entries_written_by_the_sdk_are_read_by_a_redis_client_and_the_other_way_round()
    {
        var stream = Name("both");
        var db = _gateway.GetDatabase();
        var sdkId = await Client.AddAsync(stream, [("from", "sdk"), ("n", "1")]);
        var respId = await db.StreamAddAsync(stream, [new NameValueEntry("from", "resp"), new NameValueEntry("n", "2")]);

        var viaResp = await db.StreamRangeAsync(stream);
        Assert.Equal([sdkId.ToString(), respId.ToString()!], viaResp.Select(e => e.Id.ToString()));
        Assert.Equal("sdk", viaResp[0]["from"]);
        var viaSdk = await Client.RangeAsync(stream);
        Assert.Equal([sdkId.ToString(), respId.ToString()!], viaSdk.Select(m => m.Id.ToString()));
        Assert.Equal("resp", viaSdk[1]["from"]);
    }

    [Fact]
    public async Task A_tail_in_the_sdk_is_woken_by_an_xadd_on_the_resp_gateway()
    {
        var stream = Name("wake");
        await Client.AddAsync(stream, [("n", "0")]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new ConcurrentQueue<string>();
        var tail = Task.Run(async () =>
        {
            await foreach (var m in Client.TailAsync(stream, StreamEntryId.Min, stop.Token))
            {
                seen.Enqueue(m["n"]!);
                if (m["n"] == "done")
                {
                    return;
                }
            }
        });
        await Poll.UntilAsync(() => Task.FromResult(!seen.IsEmpty), TimeSpan.FromSeconds(30), "the tail's first entry");
        await _gateway.GetDatabase().StreamAddAsync(stream, "n", "done");
        await tail.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["0", "done"], seen);
    }

    /// <summary>Each failure once through the SDK and once through StackExchange.Redis against redis-server: the same text.</summary>
    [Fact]
    public async Task Typed_exceptions_carry_the_error_text_of_redis_server()
    {
        var stream = Name("errors");
        var redis = _redis.GetDatabase();
        await Client.AddAsync(stream, [("a", "1")], new AddOptions { Id = new StreamEntryId(10, 0) });
        await redis.ExecuteAsync("XADD", stream, "10-0", "a", "1");

        await Same<IdTooSmallException>(() => Client.AddAsync(stream, [("a", "2")], new AddOptions { Id = new StreamEntryId(5, 0) }), "XADD", stream, "5-0", "a", "2");
        var missing = Name("missing");
        await Same<StreamNotFoundException>(() => Client.CreateGroupAsync(missing, "g", GroupPosition.End), "XGROUP", "CREATE", missing, "g", "$");
        await Client.CreateGroupAsync(stream, "g", GroupPosition.End);
        await redis.ExecuteAsync("XGROUP", "CREATE", stream, "g", "$");
        await Same<GroupExistsException>(() => Client.CreateGroupAsync(stream, "g", GroupPosition.End), "XGROUP", "CREATE", stream, "g", "$");
        await Same<GroupNotFoundException>(() => Client.ReadGroupAsync(stream, "nope", "c"), "XREADGROUP", "GROUP", "nope", "c", "STREAMS", stream, ">");
        await Same<GroupNotFoundException>(() => Client.PendingAsync(stream, "nope"), "XPENDING", stream, "nope");
        await Same<GroupNotFoundException>(() => Client.ConsumersAsync(stream, "nope"), "XINFO", "CONSUMERS", stream, "nope");
        await Same<StreamNotFoundException>(() => Client.InfoAsync(missing), "XINFO", "STREAM", missing);
        var text = Name("string");
        await _gateway.GetDatabase().StringSetAsync(text, "v");
        await redis.StringSetAsync(text, "v");
        await Same<WrongTypeException>(() => Client.AddAsync(text, [("a", "1")]), "XADD", text, "*", "a", "1");

        async Task Same<TException>(Func<Task> sdk, params object[] command) where TException : StreamException
        {
            var expected = await Assert.ThrowsAsync<RedisServerException>(() => redis.ExecuteAsync((string)command[0], command[1..]));
            var actual = await Assert.ThrowsAsync<TException>(sdk);
            Assert.Equal(expected.Message, actual.Message);
        }
    }

    [Fact]
    public async Task A_worker_pool_in_the_sdk_drains_what_a_redis_client_wrote_and_xpending_agrees()
    {
        var stream = Name("pool");
        var db = _gateway.GetDatabase();
        var batch = db.CreateBatch();
        var writes = Enumerable.Range(0, 1000).Select(i => batch.StreamAddAsync(stream, "i", i.ToString(CultureInfo.InvariantCulture))).ToArray();
        batch.Execute();
        await Task.WhenAll(writes);
        var handled = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var options = new ConsumeOptions { BatchSize = 100, Concurrency = 4, BlockTimeout = TimeSpan.FromMilliseconds(200) };
        var workers = Enumerable.Range(0, 2).Select(w => Client.ConsumeAsync(stream, "workers", "w" + w, (m, _) =>
        {
            handled.AddOrUpdate(m["i"]!, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }, options, stop.Token)).ToArray();
        await Poll.UntilAsync(async () => handled.Count == 1000 && (long)(await db.ExecuteAsync("XPENDING", stream, "workers"))[0] == 0,
            TimeSpan.FromSeconds(60), "1000 entries handled and acknowledged");
        stop.Cancel();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(handled.Values, n => Assert.Equal(1, n));
        var groups = await db.StreamGroupInfoAsync(stream);
        Assert.Equal(2, Assert.Single(groups).ConsumerCount);
    }

    [Fact]
    public async Task Connecting_to_a_port_where_no_node_listens_fails_fast_with_a_helpful_message()
    {
        var port = FreePort.Next();
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<ClusterUnreachableException>(() =>
            OrleansStreamsConnection.ConnectAsync(o => { o.GatewayPort = port; o.ConnectTimeout = TimeSpan.FromSeconds(3); }));
        Assert.Contains(port.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project silo", error.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), $"took {DateTime.UtcNow - started}");
    }
}
