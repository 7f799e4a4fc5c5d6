using OrleansStreams.IntegrationTests.Differential;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Durability;

/// <summary>A RESTORE acknowledged before kill -9 is there after the restart: the stream with its nodes and groups, and other types.</summary>
public sealed class RestoreDurabilityTests
{
    [Theory]
    [InlineData("file")]
    [InlineData("redis")]
    public async Task Restored_stream_and_hash_survive_kill_and_restart(string storageKind)
    {
        byte[] streamPayload, hashPayload;
        await using (var reference = await RedisServer.StartAsync())
        {
            using var redis = await RespClient.ConnectAsync(reference.Port);
            await StreamTransfer.RunAsync(redis, DumpRestoreTests.BuildStream("s"));
            await StreamTransfer.CommandAsync(redis, "HSET", "h", "a", "1", "b", "two");
            streamPayload = (await StreamTransfer.DumpAsync(redis, "s"))!;
            hashPayload = (await StreamTransfer.DumpAsync(redis, "h"))!;
        }
        await using var storage = await StorageUnderTest.CreateAsync(storageKind);
        await using var silo = await SiloProcess.StartAsync(storage.SiloOptions());
        List<string> reads;
        byte[] dumped;
        using (var client = await silo.ConnectAsync())
        {
            Assert.Equal(@"+OK\r\n", await StreamTransfer.RestoreAsync(client, "s", streamPayload));
            Assert.Equal(@"+OK\r\n", await StreamTransfer.RestoreAsync(client, "h", hashPayload));
            reads = await StreamTransfer.ReadsAsync(client, "s");
            dumped = (await StreamTransfer.DumpAsync(client, "s"))!;
        }

        silo.KillHard();
        await using var restarted = await silo.RestartAsync();

        using var check = await restarted.ConnectAsync();
        Assert.Equal(reads, await StreamTransfer.ReadsAsync(check, "s"));
        Assert.Equal(Convert.ToHexString(dumped), Convert.ToHexString((await StreamTransfer.DumpAsync(check, "s"))!));
        Assert.Equal(Convert.ToHexString(hashPayload), Convert.ToHexString((await StreamTransfer.DumpAsync(check, "h"))!));
    }
}
