using OrleansStreams.Client;

namespace OrleansStreams.ClusterTests.Sdk;

/// <summary>A grain of the application's own uses the SDK inside the silo (<c>services.AddStreamClient()</c>).</summary>
public interface IAuditGrain : IGrainWithStringKey
{
    Task<string> Record(string stream, string action);

    Task<string[]> Actions(string stream);
}

public sealed class AuditGrain(IStreamClient streams) : Grain, IAuditGrain
{
    public async Task<string> Record(string stream, string action) =>
        (await streams.AddAsync(stream, [("actor", this.GetPrimaryKeyString()), ("action", action)])).ToString();

    public async Task<string[]> Actions(string stream) =>
        [.. (await streams.RangeAsync(stream)).Where(m => m["actor"] == this.GetPrimaryKeyString()).Select(m => m["action"]!)];
}

[Collection(ClusterCollection.Name)]
public sealed class SdkInSiloTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_grain_writes_and_reads_streams_through_the_sdk_registered_in_the_silo()
    {
        var stream = "sdk:audit:" + Guid.NewGuid().ToString("N");
        var ann = fixture.Grains.GetGrain<IAuditGrain>("ann");
        await ann.Record(stream, "login");
        await fixture.Grains.GetGrain<IAuditGrain>("bob").Record(stream, "login");
        await ann.Record(stream, "logout");
        Assert.Equal(["login", "logout"], await ann.Actions(stream));
        var outside = new StreamClient(fixture.Grains, new OrleansStreamsClientOptions());
        Assert.Equal(3, await outside.LengthAsync(stream));
    }
}
