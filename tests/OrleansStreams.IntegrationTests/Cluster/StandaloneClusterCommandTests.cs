using OrleansStreams.IntegrationTests.Clients;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Cluster;

/// <summary>Without --cluster-enabled the node answers the cluster commands as a standalone redis-server does.</summary>
[Collection(SharedSiloCollection.Name)]
public sealed class StandaloneClusterCommandTests(SharedSiloFixture fixture)
{
    [Theory]
    [InlineData("CLUSTER", "INFO")]
    [InlineData("CLUSTER", "KEYSLOT", "foo")]
    [InlineData("CLUSTER", "SLOTS")]
    [InlineData("ASKING")]
    [InlineData("READONLY")]
    [InlineData("READWRITE")]
    public async Task Cluster_commands_answer_as_redis_server_without_cluster_support(params string[] command)
    {
        using var redis = await RespClient.ConnectAsync(fixture.Redis.Port);
        using var silo = await fixture.Silo.ConnectAsync();
        Assert.Equal(RespFrame.Show(await redis.CommandAsync(command)), RespFrame.Show(await silo.CommandAsync(command)));
    }

    [Fact]
    public async Task Info_says_cluster_is_disabled_and_keys_of_any_slot_are_served()
    {
        using var silo = await fixture.Silo.ConnectAsync();
        Assert.Contains("cluster_enabled:0", (await silo.ValueAsync("INFO", "cluster")).Text);
        Assert.Contains("redis_mode:standalone", (await silo.ValueAsync("INFO", "server")).Text);
        Assert.Equal("OK", (await silo.ValueAsync("MSET", "standalone-a", "1", "standalone-b", "2")).Text);
    }
}
