
namespace OrleansStreams.Grains;

/// <summary>
/// The silo's one <see cref="IStreamWatcher"/>: blocked readers on this gateway wait here, and stream
/// partitions on any silo wake them with a one-way call after an append.
/// </summary>
public sealed class StreamWakeups(IGrainFactory grains) : IStreamWatcher
{
    private readonly Dictionary<string, HashSet<TaskCompletionSource>> _waiters = new(StringComparer.Ordinal);
    private IStreamWatcher? _reference;

    /// <summary>How long one wait lasts before the watch is renewed (a partition may have moved).</summary>
    public static readonly TimeSpan WatchRenewal = TimeSpan.FromSeconds(20);

    private IStreamWatcher Reference => _reference ??= grains.CreateObjectReference<IStreamWatcher>(this);

    public void OnAppended(string streamKey)
    {
        lock (_waiters)
        {
            if (_waiters.Remove(streamKey, out var set))
            {
                foreach (var tcs in set)
                {
                    tcs.TrySetResult();
                }
            }
        }
    }

    /// <summary>
    /// Registers a wait on every stream key and asks each partition to call back; the returned wait
    /// completes on the first append to any of them. Callers re-read after registering, so no append
    /// between their read and the registration is missed.
    /// </summary>
    public async Task<Wait> RegisterAsync(IReadOnlyList<string> streamKeys)
    {
        var wait = new Wait(this, streamKeys);
        lock (_waiters)
        {
            foreach (var key in streamKeys)
            {
                if (!_waiters.TryGetValue(key, out var set))
                {
                    _waiters[key] = set = [];
                }
                set.Add(wait.Source);
            }
        }
        try
        {
            await Task.WhenAll(streamKeys.Select(k => grains.GetGrain<IStreamPartitionGrain>(k).Watch(Reference)));
        }
        catch
        {
            // A partition that cannot be reached (its node died) leaves no waiter behind; the caller may register again.
            Unregister(wait);
            throw;
        }
        return wait;
    }

    private void Unregister(Wait wait)
    {
        lock (_waiters)
        {
            foreach (var key in wait.Keys)
            {
                if (_waiters.TryGetValue(key, out var set) && set.Remove(wait.Source) && set.Count == 0)
                {
                    _waiters.Remove(key);
                }
            }
        }
    }

    /// <summary>
    /// Waits for a wake-up, the slice to pass or the connection to close, and cancels the slice's
    /// timer as soon as one of them happens, so a woken reader leaves no timer behind.
    /// </summary>
    public static async Task WaitAsync(Task woken, TimeSpan slice, CancellationToken closing, TimeProvider? time = null)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(closing);
        var delay = Task.Delay(slice, time ?? TimeProvider.System, timer.Token);
        await Task.WhenAny(woken, delay);
        timer.Cancel();
    }

    /// <summary>One blocked reader's registration; dispose it when the wait is over.</summary>
    public sealed class Wait(StreamWakeups owner, IReadOnlyList<string> keys) : IDisposable
    {
        public TaskCompletionSource Source { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Keys { get; } = keys;

        public Task Woken => Source.Task;

        public void Dispose() => owner.Unregister(this);
    }
}
