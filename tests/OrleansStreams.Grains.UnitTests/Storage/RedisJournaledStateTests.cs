using OrleansStreams.Storage;
using StackExchange.Redis;

namespace OrleansStreams.Grains.UnitTests.Storage;

/// <summary>The journaled-state piece on the Redis store: epoch-checked scripts, damaged elements cut, crashes at checkpoint steps.</summary>
public sealed class RedisJournaledStateTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8] + "/";

    [Fact]
    public async Task A_second_owner_fences_off_the_first()
    {
        var first = await CounterState.OpenAsync(Store());
        await first.AddAsync(1);
        var second = await CounterState.OpenAsync(Store());
        Assert.Equal([1], second.Items);

        var fenced = await Assert.ThrowsAsync<StorageFailedException>(() => first.AddAsync(2).WaitAsync(Soon));
        Assert.IsType<StorageFencedException>(fenced.InnerException);
        await Assert.ThrowsAsync<StorageFailedException>(() => first.CheckpointAsync().WaitAsync(Soon));
        await second.AddAsync(3);
        await second.CheckpointAsync();

        var third = await CounterState.OpenAsync(Store());
        Assert.Equal([1, 3], third.Items);
    }

    [Fact]
    public async Task An_open_that_a_newer_owner_overtakes_while_it_reads_fails_fenced_instead_of_loading_a_mixed_view()
    {
        var state = await CounterState.OpenAsync(Store());
        await state.AddAsync([.. Enumerable.Range(1, 25)]);
        await state.CheckpointAsync();
        await state.AddAsync(26);
        var db = redis.Redis.GetDatabase();
        RedisKey epoch = $"{_prefix}{{counter}}:epoch";
        var before = (long)await db.StringGetAsync(epoch);
        using var stop = new CancellationTokenSource();
        var newerOwners = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await db.StringIncrementAsync(epoch);
            }
        });
        try
        {
            // Newer owners keep opening (INCR) while this one reads the snapshot, journal and segments in several commands.
            var deadline = DateTime.UtcNow + Soon;
            while ((long)await db.StringGetAsync(epoch) == before)
            {
                Assert.True(DateTime.UtcNow < deadline, "the newer owners never opened");
            }
            await Assert.ThrowsAsync<StorageFencedException>(() => Store().OpenAsync("counter"));
        }
        finally
        {
            await stop.CancelAsync();
            await newerOwners;
        }
    }

    [Fact]
    public async Task A_damaged_last_element_is_cut_before_new_records_are_appended()
    {
        var state = await CounterState.OpenAsync(Store());
        await state.AddAsync(1);
        await state.AddAsync(2);
        await state.AddAsync(3);
        RedisKey journal = $"{_prefix}{{counter}}:j:0";
        var db = redis.Redis.GetDatabase();
        var last = (byte[])(await db.ListGetByIndexAsync(journal, -1))!;
        await db.ListSetByIndexAsync(journal, -1, last[..^2]);

        var reopened = await CounterState.OpenAsync(Store());
        Assert.Equal([1, 2], reopened.Items);
        Assert.Equal(2, await db.ListLengthAsync(journal));
        await reopened.AddAsync(4);

        var again = await CounterState.OpenAsync(Store());
        Assert.Equal([1, 2, 4], again.Items);
    }

    [Theory]
    [InlineData(StoreStep.WriteSegment)]
    [InlineData(StoreStep.WriteSnapshot)]
    [InlineData(StoreStep.DeleteJournal)]
    [InlineData(StoreStep.DeleteSegments)]
    public async Task A_crash_at_any_step_of_a_checkpoint_replays_to_the_same_state(StoreStep step)
    {
        await CheckpointCrash.ReplaysToTheSameStateAsync(Store, step);
        var last = await CounterState.OpenAsync(Store());
        Assert.Equal([last.Journal.Generation], (await redis.Redis.GetDatabase().SortedSetRangeByRankAsync($"{_prefix}{{counter}}:gens")).Select(g => (long)g));
    }

    [Fact]
    public async Task Delete_keeps_the_fence_and_removes_everything_else()
    {
        var state = await CounterState.OpenAsync(Store());
        await state.AddAsync([.. Enumerable.Range(1, 12)]);
        await state.CheckpointAsync();
        await state.AddAsync(13);
        await state.Run(state.Journal.DeleteAsync);

        var keys = redis.Redis.GetServers()[0].Keys(pattern: _prefix + "*").Select(k => k.ToString()).ToList();
        Assert.Equal([$"{_prefix}{{counter}}:epoch"], keys);
    }

    private RedisLogStore Store() => new(redis.Redis, _prefix);
}
