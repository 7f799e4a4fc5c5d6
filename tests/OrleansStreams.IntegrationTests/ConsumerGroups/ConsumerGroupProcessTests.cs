using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using OrleansStreams.IntegrationTests.Clients;
using OrleansStreams.IntegrationTests.Durability;
using OrleansStreams.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.ConsumerGroups;

/// <summary>
/// Consumer groups against real silo processes: the PEL and cursor survive kill -9, competing consumers on two silos
/// get every entry exactly once, blocked XREADGROUP wake-ups, and dead-lettering over RESP.
/// </summary>
public sealed class ConsumerGroupProcessTests(MultiSiloFixture fixture, ITestOutputHelper output) : IClassFixture<MultiSiloFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public Task Pending_entries_and_group_cursor_survive_kill_with_file_storage() => PelSurvivesKillAsync("file");

    [Fact]
    public Task Pending_entries_and_group_cursor_survive_kill_with_redis_storage() => PelSurvivesKillAsync("redis");

    private async Task PelSurvivesKillAsync(string storageKind)
    {
        await using var storage = await StorageUnderTest.CreateAsync(storageKind);
        await using var silo = await SiloProcess.StartAsync(storage.SiloOptions());
        const string key = "cg:dur";

        // What the clients were told: per ID, the consumer that holds it and how many times it was delivered.
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var deliveries = new Dictionary<string, int>(StringComparer.Ordinal);
        var acked = new HashSet<string>(StringComparer.Ordinal);
        var lastDelivered = "0-0";
        var readOrder = new List<string>();
        using (var client = await silo.ConnectAsync())
        {
            Expect("OK", await client.ValueAsync("XGROUP", "CREATE", key, "g", "0", "MKSTREAM"));
            await PipelineAsync(client, Enumerable.Range(1, 200).Select(i => new[] { "XADD", key, $"{i}-0", "n", Num(i) }).ToList());

            string[] consumers = ["c1", "c2"];
            for (var round = 0; round < 8; round++)
            {
                var consumer = consumers[round % 2];
                var ids = Ids(await client.ValueAsync("XREADGROUP", "GROUP", "g", consumer, "COUNT", "10", "STREAMS", key, ">"));
                Assert.Equal(10, ids.Count);
                foreach (var id in ids)
                {
                    owner[id] = consumer;
                    deliveries[id] = deliveries.GetValueOrDefault(id) + 1;
                    readOrder.Add(id);
                    lastDelivered = id;
                }
                // Acknowledge every third entry of the batch.
                var toAck = ids.Where((_, i) => i % 3 == 0).ToArray();
                Assert.Equal(toAck.Length, (await client.ValueAsync(["XACK", key, "g", .. toAck])).Integer);
                acked.UnionWith(toAck);
            }

            // Re-reading c1's history delivers its pending entries again (delivery count 2).
            var history = Ids(await client.ValueAsync("XREADGROUP", "GROUP", "g", "c1", "COUNT", "5", "STREAMS", key, "0"));
            Assert.Equal(5, history.Count);
            foreach (var id in history)
            {
                Assert.Equal("c1", owner[id]);
                deliveries[id]++;
            }
        }
        Assert.Equal(80, readOrder.Count);

        var pending = owner.Keys.Where(id => !acked.Contains(id)).OrderBy(IdOrder).ToList();
        silo.KillHard();
        await using var restarted = await silo.RestartAsync();
        using var after = await restarted.ConnectAsync();

        // Summary: count, smallest and greatest ID, per-consumer counts.
        var summary = await after.ValueAsync("XPENDING", key, "g");
        Assert.False(summary.IsError, $"XPENDING after restart: {summary}\n{restarted.OutputTail()}");
        Assert.Equal(pending.Count, summary.Items[0].Integer);
        Assert.Equal(pending[0], summary.Items[1].Text);
        Assert.Equal(pending[^1], summary.Items[2].Text);
        var perConsumer = summary.Items[3].Items.ToDictionary(p => p.Items[0].Text!, p => long.Parse(p.Items[1].Text!, CultureInfo.InvariantCulture));
        foreach (var consumer in new[] { "c1", "c2" })
        {
            Assert.Equal(pending.Count(id => owner[id] == consumer), perConsumer.GetValueOrDefault(consumer));
        }

        // Extended form: ID, consumer and delivery count of every pending entry.
        var extended = await after.ValueAsync("XPENDING", key, "g", "-", "+", "1000");
        var expected = pending.Select(id => $"{id} {owner[id]} {deliveries[id]}");
        var actual = extended.Items.Select(e => $"{e.Items[0].Text} {e.Items[1].Text} {e.Items[3].Integer}");
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));

        var group = (await after.ValueAsync("XINFO", "GROUPS", key)).Items.Single().AsPairs();
        Assert.Equal(lastDelivered, group["last-delivered-id"].Text);
        Assert.Equal(80, group["entries-read"].Integer);
        Assert.Equal(pending.Count, group["pending"].Integer);

        // The cursor survived: the next read gets the first never-delivered entry.
        var next = Ids(await after.ValueAsync("XREADGROUP", "GROUP", "g", "c3", "COUNT", "1", "STREAMS", key, ">"));
        Assert.Equal(["81-0"], next);
        output.WriteLine($"{storageKind}: {pending.Count} pending entries and the cursor survived kill -9");
    }

    [Fact]
    public async Task Competing_consumers_on_two_silos_get_every_entry_exactly_once()
    {
        const int total = 2000;
        var key = "cg:compete:" + Guid.NewGuid().ToString("N");
        using (var writer = await fixture.A.ConnectAsync())
        {
            Expect("OK", await writer.ValueAsync("XGROUP", "CREATE", key, "g", "0", "MKSTREAM"));
            await PipelineAsync(writer, Enumerable.Range(1, total).Select(i => new[] { "XADD", key, $"{i}-0", "n", Num(i) }).ToList());
            Assert.Equal(total, (await writer.ValueAsync("XLEN", key)).Integer);
        }

        var deliveredTo = new ConcurrentBag<(string Id, string Consumer)>();
        var errors = new ConcurrentBag<string>();
        var silos = new[] { fixture.A, fixture.A, fixture.B, fixture.B };
        var workers = silos.Select((silo, n) => Task.Run(async () =>
        {
            var consumer = $"c{n}";
            using var client = await silo.ConnectAsync();
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(45);
            while (DateTime.UtcNow < until)
            {
                var reply = await client.ValueAsync("XREADGROUP", "GROUP", "g", consumer, "COUNT", "10", "STREAMS", key, ">");
                if (reply.IsError)
                {
                    errors.Add($"{consumer}: {reply}");
                    return;
                }
                var ids = Ids(reply);
                if (ids.Count == 0)
                {
                    // Every entry was written before the workers started: nothing new means all were handed out.
                    return;
                }
                foreach (var id in ids)
                {
                    deliveredTo.Add((id, consumer));
                }
                var ack = await client.ValueAsync(["XACK", key, "g", .. ids]);
                if (ack.IsError || ack.Integer != ids.Count)
                {
                    errors.Add($"{consumer}: XACK {string.Join(' ', ids)} -> {ack}");
                }
            }
            errors.Add($"{consumer}: still reading at the deadline");
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(errors);
        foreach (var perConsumer in deliveredTo.GroupBy(d => d.Consumer).OrderBy(g => g.Key))
        {
            output.WriteLine($"{perConsumer.Key}: {perConsumer.Count()} entries");
        }
        var duplicates = deliveredTo.GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key} to {string.Join(",", g.Select(d => d.Consumer))}").ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} entries delivered more than once, first: {string.Join("; ", duplicates.Take(10))}");
        var missing = Enumerable.Range(1, total).Select(i => $"{i}-0").Except(deliveredTo.Select(d => d.Id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} entries never delivered, first: {string.Join(", ", missing.Take(10))}");
        Assert.Equal(total, deliveredTo.Count);

        using var check = await fixture.B.ConnectAsync();
        var summary = await check.ValueAsync("XPENDING", key, "g");
        Assert.Equal(0, summary.Items[0].Integer);
        Assert.Empty((await check.ValueAsync("XPENDING", key, "g", "-", "+", "10")).Items);
        var group = (await check.ValueAsync("XINFO", "GROUPS", key)).Items.Single().AsPairs();
        Assert.Equal($"{total}-0", group["last-delivered-id"].Text);
        Assert.Equal(total, group["entries-read"].Integer);
        Assert.Equal(0, group["pending"].Integer);
    }

    [Fact]
    public async Task Blocked_xreadgroup_is_woken_by_xadd_on_another_connection()
    {
        var key = "cg:block:" + Guid.NewGuid().ToString("N");
        using var reader = await fixture.A.ConnectAsync();
        using var writer = await fixture.A.ConnectAsync();
        Expect("OK", await writer.ValueAsync("XGROUP", "CREATE", key, "g", "$", "MKSTREAM"));

        await reader.SendAsync("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", key, ">");
        var pending = reader.ReadFrameAsync(Deadline);
        await RawProtocolTests.WaitUntilBlockedAsync(writer);
        Assert.False(pending.IsCompleted, "XREADGROUP BLOCK 0 returned before any XADD");
        Expect("9-0", await writer.ValueAsync("XADD", key, "9-0", "f", "v"));

        var reply = Encoding.ASCII.GetString(await pending);

        Assert.Equal($"*1\r\n*2\r\n${key.Length}\r\n{key}\r\n*1\r\n*2\r\n$3\r\n9-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n", reply);
        var summary = await writer.ValueAsync("XPENDING", key, "g");
        Assert.Equal(1, summary.Items[0].Integer);
        Assert.Equal("c", summary.Items[3].Items.Single().Items[0].Text);
        Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(await reader.CommandAsync("PING")));
    }

    [Fact]
    public async Task Blocked_xreadgroup_gets_the_same_error_as_redis_when_its_group_is_destroyed()
    {
        await using var redis = await RedisServer.StartAsync();
        var redisReply = await BlockThenDestroyAsync(redis.Port, redis.Port);
        Assert.StartsWith("-NOGROUP", redisReply, StringComparison.Ordinal);

        var siloReply = await BlockThenDestroyAsync(fixture.A.RespPort, fixture.A.RespPort);

        Assert.Equal(redisReply, siloReply);
    }

    /// <summary>Blocks an XREADGROUP, destroys its group, XADDs to the stream and returns the blocked client's reply.</summary>
    private static async Task<string> BlockThenDestroyAsync(int port, int adminPort)
    {
        var key = "cg:destroy:" + Guid.NewGuid().ToString("N");
        using var reader = await RespClient.ConnectAsync(port);
        using var admin = await RespClient.ConnectAsync(adminPort);
        Expect("OK", await admin.ValueAsync("XGROUP", "CREATE", key, "g", "$", "MKSTREAM"));

        await reader.SendAsync("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", key, ">");
        var pending = reader.ReadFrameAsync(Deadline);
        await RawProtocolTests.WaitUntilBlockedAsync(admin);
        Assert.False(pending.IsCompleted, "XREADGROUP BLOCK 0 returned before the group was destroyed");
        Assert.Equal(1, (await admin.ValueAsync("XGROUP", "DESTROY", key, "g")).Integer);
        Expect("1-0", await admin.ValueAsync("XADD", key, "1-0", "f", "v"));

        var reply = RespFrame.Show(await pending);
        Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(await reader.CommandAsync("PING")));
        return reply;
    }

    [Fact]
    public async Task Entry_delivered_more_than_max_deliveries_moves_to_the_dead_letter_stream()
    {
        var key = "cg:dl:" + Guid.NewGuid().ToString("N");
        var dlq = key + ":dlq";
        using var client = await fixture.A.ConnectAsync();
        Expect("1-0", await client.ValueAsync("XADD", key, "1-0", "f", "v", "k2", "v2"));
        Expect("2-0", await client.ValueAsync("XADD", key, "2-0", "other", "x"));
        Expect("OK", await client.ValueAsync("XGROUP", "CREATE", key, "g", "0"));
        var policy = await client.ValueAsync("XGROUP", "SETDEADLETTER", key, "g", "2", dlq);
        Assert.False(policy.IsError, $"XGROUP SETDEADLETTER: {policy}");

        Assert.Equal(["1-0"], Ids(await client.ValueAsync("XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", key, ">")));
        Assert.Equal(["2-0"], Ids(await client.ValueAsync("XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", key, ">")));

        // Each XCLAIM without JUSTID is a delivery; the third delivery exceeds the maximum of 2.
        var claims = 0;
        while (true)
        {
            var claim = await client.ValueAsync("XCLAIM", key, "g", "c2", "0", "1-0");
            Assert.False(claim.IsError, $"XCLAIM: {claim}");
            claims++;
            var ids = (await client.ValueAsync("XPENDING", key, "g", "-", "+", "10")).Items.Select(e => e.Items[0].Text).ToList();
            if (!ids.Contains("1-0"))
            {
                break;
            }
            Assert.True(claims < 5, "1-0 still pending after 5 claims (delivery count 6)");
        }
        output.WriteLine($"1-0 left the PEL after {claims} claims");
        Assert.Equal(2, claims);

        var summary = await client.ValueAsync("XPENDING", key, "g");
        Assert.Equal(1, summary.Items[0].Integer);
        Assert.Equal("2-0", summary.Items[1].Text);

        var dead = (await client.ValueAsync("XRANGE", dlq, "-", "+")).Items;
        var entry = Assert.Single(dead);
        var fields = entry.Items[1].Items.Select(f => f.Text).ToList();
        Assert.Equal(12, fields.Count);
        Assert.Equal(["origin-stream", key, "origin-group", "g", "origin-id", "1-0", "delivery-count"], fields.Take(7));
        Assert.True(long.Parse(fields[7]!, CultureInfo.InvariantCulture) > 2, $"delivery-count {fields[7]}");
        Assert.Equal(["f", "v", "k2", "v2"], fields.Skip(8));

        var group = (await client.ValueAsync("XINFO", "GROUPS", key)).Items.Single().AsPairs();
        Assert.Equal(1, group["pending"].Integer);
        Assert.Equal("2-0", group["last-delivered-id"].Text);
        var removed = await client.ValueAsync("XGROUP", "SETDEADLETTER", key, "g", "0", dlq);
        Assert.False(removed.IsError, $"XGROUP SETDEADLETTER ... 0: {removed}");
    }

    private static string Num(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static (long, long) IdOrder(string id)
    {
        var dash = id.IndexOf('-');
        return (long.Parse(id[..dash], CultureInfo.InvariantCulture), long.Parse(id[(dash + 1)..], CultureInfo.InvariantCulture));
    }

    private static void Expect(string text, RespValue reply) => Assert.True(reply.Text == text && !reply.IsError, $"expected {text}, got {reply}");

    /// <summary>IDs of the entries of a single-stream XREAD/XREADGROUP reply (RESP2); empty for a null reply.</summary>
    private static List<string> Ids(RespValue reply)
    {
        Assert.False(reply.IsError, reply.ToString());
        if (reply.IsNull || reply.Items.Count == 0)
        {
            return [];
        }
        return reply.Items.Single().Items[1].Items.Select(e => e.Items[0].Text!).ToList();
    }

    /// <summary>Sends the commands in one write and checks that none was refused.</summary>
    private static async Task PipelineAsync(RespClient client, IReadOnlyList<string[]> commands)
    {
        using var buffer = new MemoryStream();
        foreach (var command in commands)
        {
            buffer.Write(RespClient.Encode(command));
        }
        await client.SendRawAsync(buffer.ToArray());
        foreach (var command in commands)
        {
            var reply = RespValue.Parse(await client.ReadFrameAsync());
            Assert.False(reply.IsError, $"{string.Join(' ', command)} -> {reply}");
        }
    }
}
