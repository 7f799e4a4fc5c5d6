using System.Text.RegularExpressions;
using OrleansStreams.IntegrationTests.Harness;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Clients;

/// <summary>StackExchange.Redis against the silo, with redis-server as the reference.</summary>
[Collection(SharedSiloCollection.Name)]
public sealed partial class StackExchangeRedisTests(SharedSiloFixture fixture, ITestOutputHelper output)
{
    /// <summary>The redis-server case is the control: it shows the log filter does not flag a healthy connection.</summary>
    [Theory]
    [InlineData("silo")]
    [InlineData("redis-server")]
    public async Task Connects_on_first_try_and_the_connection_log_holds_no_errors(string target)
    {
        var log = new StringWriter();
        var options = Options(target == "silo" ? fixture.Silo.RespPort : fixture.Redis.Port);
        options.ConnectRetry = 0;
        options.AbortOnConnectFail = true;

        ConnectionMultiplexer mux;
        try
        {
            mux = await ConnectionMultiplexer.ConnectAsync(options, log);
        }
        catch (RedisConnectionException e)
        {
            throw new Xunit.Sdk.XunitException($"{target}: {e.Message}\n--- connection log ---\n{log}\n--- silo output (tail) ---\n{fixture.Silo.OutputTail(3000)}");
        }
        await using var _ = mux;

        output.WriteLine(log.ToString());
        Assert.True(mux.IsConnected, "not connected:\n" + log);
        var bad = log.ToString().Split('\n').Where(l => ErrorWords().IsMatch(l)).ToList();
        Assert.True(bad.Count == 0, "connection log has error lines:\n" + string.Join("\n", bad) + "\n--- full log ---\n" + log);
        Assert.Equal("PONG", (string?)await mux.GetDatabase().ExecuteAsync("PING"));
    }

    [Fact]
    public async Task Stream_commands_through_StackExchange_Redis_equal_redis_server_results()
    {
        var expected = await StreamScenarioAsync(fixture.Redis.Port);
        var actual = await StreamScenarioAsync(fixture.Silo.RespPort);

        output.WriteLine(string.Join("\n", expected));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Published_message_reaches_a_subscriber_on_another_connection()
    {
        await using var subscriberMux = await ConnectionMultiplexer.ConnectAsync(Options(fixture.Silo.RespPort));
        await using var publisherMux = await ConnectionMultiplexer.ConnectAsync(Options(fixture.Silo.RespPort));
        var received = new List<string>();
        var channel = RedisChannel.Literal("se-pubsub-" + Guid.NewGuid().ToString("N"));
        await subscriberMux.GetSubscriber().SubscribeAsync(channel, (_, message) =>
        {
            lock (received)
            {
                received.Add(message.ToString());
            }
        });

        long receivers = 0;
        await Poll.UntilAsync(async () =>
        {
            // The subscription is active once a publish counts a receiver; publishing until then is harmless.
            receivers = await publisherMux.GetSubscriber().PublishAsync(channel, "hello");
            return receivers > 0;
        }, TimeSpan.FromSeconds(10), "a PUBLISH that reaches the subscriber");
        await Poll.UntilAsync(() =>
        {
            lock (received)
            {
                return received.Count > 0;
            }
        }, TimeSpan.FromSeconds(10), "the message at the subscriber");

        Assert.Equal(1, receivers);
        lock (received)
        {
            Assert.All(received, m => Assert.Equal("hello", m));
        }
    }

    private static async Task<List<string>> StreamScenarioAsync(int port)
    {
        await using var mux = await ConnectionMultiplexer.ConnectAsync(Options(port));
        var db = mux.GetDatabase();
        var key = new RedisKey("se-stream");
        await db.KeyDeleteAsync(key);
        var results = new List<string>();
        for (var i = 1; i <= 10; i++)
        {
            var id = await db.StreamAddAsync(key, [new NameValueEntry("n", i), new NameValueEntry("sq", i * i)], messageId: $"{i}-0");
            results.Add($"add {id}");
        }
        results.Add("add-auto-type " + (await db.StreamAddAsync("se-auto", "f", "v")).ToString().Contains('-'));
        results.Add("len " + await db.StreamLengthAsync(key));
        results.Add("range " + Show(await db.StreamRangeAsync(key, "-", "+")));
        results.Add("range 3..5 " + Show(await db.StreamRangeAsync(key, "3-0", "5-0")));
        results.Add("revrange count 3 " + Show(await db.StreamRangeAsync(key, "+", "-", count: 3, messageOrder: Order.Descending)));
        results.Add("read from 7 " + Show(await db.StreamReadAsync(key, "7-0")));
        results.Add("read count 2 " + Show(await db.StreamReadAsync(key, "0-0", count: 2)));
        var multi = await db.StreamReadAsync([new StreamPosition(key, "8-0"), new StreamPosition("se-missing", "0-0")]);
        results.Add("read multi " + string.Join(" | ", multi.Select(s => $"{s.Key}: {Show(s.Entries)}")));
        results.Add("delete " + await db.StreamDeleteAsync(key, ["2-0", "4-0", "99-0"]));
        results.Add("len " + await db.StreamLengthAsync(key));
        results.Add("trim " + await db.StreamTrimAsync(key, 5));
        results.Add("range " + Show(await db.StreamRangeAsync(key, "-", "+")));
        results.Add("trim approx " + await db.StreamTrimAsync(key, 1, useApproximateMaxLength: true));
        results.Add("len " + await db.StreamLengthAsync(key));
        try
        {
            await db.StreamAddAsync(key, "f", "v", messageId: "1-0");
            results.Add("add smaller: no error");
        }
        catch (RedisServerException e)
        {
            results.Add("add smaller: " + e.Message);
        }
        await db.KeyDeleteAsync([key, "se-auto"]);
        return results;
    }

    private static string Show(IEnumerable<StreamEntry> entries) =>
        string.Join(" ", entries.Select(e => $"{e.Id}[{string.Join(",", e.Values.Select(v => $"{v.Name}={v.Value}"))}]"));

    internal static ConfigurationOptions Options(int port) => new()
    {
        EndPoints = { { "127.0.0.1", port } },
        AbortOnConnectFail = true,
        ConnectTimeout = 10_000,
        SyncTimeout = 10_000,
        AsyncTimeout = 10_000,
    };

    [GeneratedRegex(@"\b(error|errors|fail|failed|failure|exception|unable|faulted)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorWords();
}
