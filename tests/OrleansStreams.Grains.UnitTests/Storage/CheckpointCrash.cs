using OrleansStreams.Storage;

namespace OrleansStreams.Grains.UnitTests.Storage;

/// <summary>The crash-at-a-checkpoint-step scenario, run on any store.</summary>
public static class CheckpointCrash
{
    /// <summary>
    /// A snapshot, records after it, then a new owner (fencing the first, as after a crash) whose next
    /// checkpoint fails at <paramref name="step"/>; a third owner must find every record, and go on.
    /// </summary>
    public static async Task ReplaysToTheSameStateAsync(Func<ILogStore> store, StoreStep step)
    {
        var state = await CounterState.OpenAsync(store());
        await state.AddAsync([.. Enumerable.Range(1, 15)]);
        await state.CheckpointAsync();
        await state.AddAsync([.. Enumerable.Range(16, 20)]);
        var faulty = new FaultyLogStore(store()) { FailAt = step };
        var crashing = await CounterState.OpenAsync(faulty);
        await crashing.AddAsync(36, 37);

        await Assert.ThrowsAsync<StorageFailedException>(() => crashing.CheckpointAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains(step, faulty.Steps);

        var recovered = await CounterState.OpenAsync(store());
        Assert.Equal(Enumerable.Range(1, 37), recovered.Items);
        await recovered.AddAsync(38);
        await recovered.CheckpointAsync();
        await recovered.AddAsync(39);
        await recovered.Run(recovered.Journal.CloseAsync);

        var last = await CounterState.OpenAsync(store());
        Assert.Equal(Enumerable.Range(1, 39), last.Items);
    }
}
