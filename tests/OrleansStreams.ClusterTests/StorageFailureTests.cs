using System.Text;
using OrleansStreams.Grains;
using OrleansStreams.Streams;

using static OrleansStreams.ClusterTests.GrainCommands;

namespace OrleansStreams.ClusterTests;

/// <summary>Fail-stop (docs/decisions/0008-journaled-state.md): a failed journal write fails the command and the grain reloads from storage.</summary>
[Collection(ClusterCollection.Name)]
public class StorageFailureTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_failed_journal_write_fails_the_xadd_at_once_and_the_stream_reloads_without_it()
    {
        var name = "fail-" + Guid.NewGuid().ToString("N");
        var id = GrainKeys.Stream(0, Encoding.UTF8.GetBytes(name));
        var stream = fixture.Stream(name);
        Assert.Equal(new StreamResult.Appended(Id(1)), (await stream.Execute(Ops(Append(Id(1), "f", "v"))))[0]);

        FailingLogStore.FailAppends[id] = true;
        try
        {
            var failed = await Assert.ThrowsAnyAsync<Exception>(() => stream.Execute(Ops(Append(Id(2), "f", "v"))).WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Contains("Injected append failure", failed.Message, StringComparison.Ordinal);
        }
        finally
        {
            FailingLogStore.FailAppends.TryRemove(id, out _);
        }

        // The failed activation goes; the next one loads what storage holds, where 2-0 never arrived.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        StreamResult[] results;
        while (true)
        {
            try
            {
                results = await stream.Execute(Ops(new StreamOperation.Length()));
                break;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
        Assert.Equal(new StreamResult.Counted(1), results[0]);
        Assert.Equal(new StreamResult.Appended(Id(2)), (await stream.Execute(Ops(Append(Id(2), "f", "v"))))[0]);
    }
}
