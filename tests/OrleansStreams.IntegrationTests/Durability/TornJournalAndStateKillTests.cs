using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Durability;

/// <summary>
/// kill -9 with a torn journal tail, and kill -9 of keys and consumer groups
/// (docs/decisions/0008-journaled-state.md): nothing acknowledged is lost.
/// </summary>
public sealed class TornJournalAndStateKillTests
{
    private const int Batch = 500;

    [Fact]
    public async Task A_torn_journal_tail_is_cut_so_entries_acknowledged_after_it_survive_kill()
    {
        await using var storage = await StorageUnderTest.CreateAsync("file");
        await using var silo = await SiloProcess.StartAsync(storage.SiloOptions());
        using (var client = await silo.ConnectAsync())
        {
            await XaddAsync(client, "torn", 1);
        }
        silo.KillHard();
        AppendTornRecord(storage.DataDirectory, "0/0/torn");

        await using (var second = await silo.RestartAsync())
        {
            using var client = await second.ConnectAsync();
            Assert.Equal(Batch, (await client.ValueAsync("XLEN", "torn")).Integer);
            await XaddAsync(client, "torn", Batch + 1);
            second.KillHard();
        }

        await using var third = await silo.RestartAsync();
        using var check = await third.ConnectAsync();
        var ids = (await check.ValueAsync("XRANGE", "torn", "-", "+")).Items.Select(e => e.Items[0].Text).ToList();
        Assert.Equal(Enumerable.Range(1, 2 * Batch).Select(i => $"{i}-0"), ids);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("redis")]
    public async Task Keys_and_consumer_groups_acknowledged_before_kill_survive_restart(string storageKind)
    {
        await using var storage = await StorageUnderTest.CreateAsync(storageKind);
        await using var silo = await SiloProcess.StartAsync(storage.SiloOptions());
        using (var client = await silo.ConnectAsync())
        {
            Assert.Equal("OK", (await client.ValueAsync("SET", "k:str", "value")).Text);
            Assert.Equal(2, (await client.ValueAsync("HSET", "k:hash", "a", "1", "b", "2")).Integer);
            await XaddAsync(client, "k:stream", 1, count: 20);
            Assert.Equal("OK", (await client.ValueAsync("XGROUP", "CREATE", "k:stream", "g", "0")).Text);
            var read = await client.ValueAsync("XREADGROUP", "GROUP", "g", "alice", "COUNT", "10", "STREAMS", "k:stream", ">");
            Assert.Equal(10, read.Items[0].Items[1].Items.Count);
            Assert.Equal(3, (await client.ValueAsync("XACK", "k:stream", "g", "1-0", "2-0", "3-0")).Integer);
        }

        silo.KillHard();
        await using var restarted = await silo.RestartAsync();
        using var after = await restarted.ConnectAsync();

        Assert.Equal("value", (await after.ValueAsync("GET", "k:str")).Text);
        Assert.Equal("2", (await after.ValueAsync("HGET", "k:hash", "b")).Text);
        var pending = await after.ValueAsync("XPENDING", "k:stream", "g");
        Assert.Equal(7, pending.Items[0].Integer);
        Assert.Equal("4-0", pending.Items[1].Text);
        Assert.Equal("10-0", pending.Items[2].Text);
        var groups = (await after.ValueAsync("XINFO", "GROUPS", "k:stream")).Items.Single().AsPairs();
        Assert.Equal("10-0", groups["last-delivered-id"].Text);
        var next = await after.ValueAsync("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "k:stream", ">");
        Assert.Equal("11-0", next.Items[0].Items[1].Items[0].Items[0].Text);
    }

    private static async Task XaddAsync(RespClient client, string key, int first, int count = Batch)
    {
        for (var i = first; i < first + count; i++)
        {
            var id = $"{i}-0";
            var reply = await client.ValueAsync("XADD", key, id, "n", i.ToString(CultureInfo.InvariantCulture));
            Assert.True(reply.Text == id, $"XADD {key} {id} -> {reply}");
        }
    }

    /// <summary>Appends the first bytes of a record (as a crash mid-write leaves them) to the journal generation the stream writes next.</summary>
    private static void AppendTornRecord(string dataDirectory, string objectId)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(objectId)));
        var folder = Path.Combine(dataDirectory, hash[..2], hash);
        Assert.True(Directory.Exists(folder), $"no storage folder for {objectId}");
        long generation = 0;
        var snapshot = Path.Combine(folder, "snapshot");
        if (File.Exists(snapshot))
        {
            generation = BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(snapshot).AsSpan(16));
        }
        foreach (var journal in Directory.EnumerateFiles(folder, "journal.*"))
        {
            generation = Math.Max(generation, long.Parse(Path.GetFileName(journal)["journal.".Length..], CultureInfo.InvariantCulture));
        }
        var torn = new byte[30];
        BinaryPrimitives.WriteInt32LittleEndian(torn, 200); // a 200-byte payload, of which 14 bytes made it
        Random.Shared.NextBytes(torn.AsSpan(4));
        using var file = new FileStream(Path.Combine(folder, $"journal.{generation}"), FileMode.Append, FileAccess.Write);
        file.Write(torn);
    }
}
