using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Durability;

/// <summary>Silos of one service with file storage share one data folder, or the later one refuses to start (docs/decisions/0008-journaled-state.md).</summary>
public sealed class FileStorageClusterTests
{
    [Fact]
    public async Task A_silo_with_file_storage_in_another_data_folder_refuses_to_join_the_service()
    {
        await using var redis = await RedisServer.StartAsync();
        var dataA = RepoPaths.NewScratchDirectory("file-claim-a");
        var dataB = RepoPaths.NewScratchDirectory("file-claim-b");
        try
        {
            var cluster = new SiloOptions { Storage = "file", Clustering = "redis", Redis = redis.Endpoint, ClusterId = "fc-" + Guid.NewGuid().ToString("N")[..8] };
            await using var first = await SiloProcess.StartAsync(cluster with { DataDirectory = dataA });

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(cluster with { DataDirectory = dataB }));
            Assert.Contains("must share one data folder", refused.Message, StringComparison.Ordinal);

            await using var second = await SiloProcess.StartAsync(cluster with { DataDirectory = dataA });
            using var client = await second.ConnectAsync();
            Assert.Equal("PONG", (await client.ValueAsync("PING")).Text);
        }
        finally
        {
            RepoPaths.DeleteQuietly(dataA);
            RepoPaths.DeleteQuietly(dataB);
        }
    }
}
