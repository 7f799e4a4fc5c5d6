using OrleansStreams.Grains;

namespace OrleansStreams.Resp.UnitTests.Server;

public sealed class BlockingReadTimerTests
{
    [Fact]
    public async Task A_woken_wait_disposes_its_timeout_timer_at_once()
    {
        var time = new CountingTimeProvider();
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiting = StreamWakeups.WaitAsync(woken.Task, TimeSpan.FromHours(1), CancellationToken.None, time);
        Assert.Equal(1, time.Created);
        Assert.Equal(0, time.Disposed);
        woken.SetResult();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, time.Disposed);
    }

    [Fact]
    public async Task A_closing_connection_ends_the_wait_and_disposes_its_timer()
    {
        var time = new CountingTimeProvider();
        using var closing = new CancellationTokenSource();

        var waiting = StreamWakeups.WaitAsync(new TaskCompletionSource().Task, TimeSpan.FromHours(1), closing.Token, time);
        await closing.CancelAsync();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, time.Disposed);
    }

    /// <summary>The system clock, counting the timers created and disposed through it.</summary>
    private sealed class CountingTimeProvider : TimeProvider
    {
        private int _created;
        private int _disposed;

        public int Created => Volatile.Read(ref _created);

        public int Disposed => Volatile.Read(ref _disposed);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _created);
            return new CountedTimer(System.CreateTimer(callback, state, dueTime, period), this);
        }

        private sealed class CountedTimer(ITimer inner, CountingTimeProvider owner) : ITimer
        {
            private int _done;

            public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _done, 1) == 0)
                {
                    Interlocked.Increment(ref owner._disposed);
                }
                inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
