namespace OrleansStreams.Processing;

/// <summary>Creates the watermark generator of a source partition from its <see cref="WatermarkSpec"/>.</summary>
public static class WatermarkGenerators
{
    /// <summary>
    /// Bounded: highest event time − MaxOutOfOrderMs. Monotonic: highest event time. Periodic: bounded while
    /// events arrive; once none arrived for IntervalMs, each tick moves the watermark on by the wall-clock time
    /// since it last moved, so windows close on a quiet partition.
    /// </summary>
    public static IWatermarkGenerator Create(WatermarkSpec spec) => spec switch
    {
        WatermarkSpec.Bounded b => new EventTimeWatermark(b.MaxOutOfOrderMs, 0, spec.IdleTimeoutMs),
        WatermarkSpec.Monotonic => new EventTimeWatermark(0, 0, spec.IdleTimeoutMs),
        WatermarkSpec.Periodic p => new EventTimeWatermark(p.MaxOutOfOrderMs, p.IntervalMs, spec.IdleTimeoutMs),
        _ => throw new NotSupportedException($"Unknown watermark spec {spec.GetType().Name}."),
    };

    /// <summary>All three strategies: a bounded delay behind the highest event time, optionally advanced by the wall clock.</summary>
    private sealed class EventTimeWatermark(long maxOutOfOrderMs, long intervalMs, long idleTimeoutMs) : IWatermarkGenerator
    {
        private long _maxTimestamp = long.MinValue;
        private long _lastEventAt = long.MinValue;
        private long _lastAdvanceAt = long.MinValue;

        public long Current { get; private set; } = long.MinValue;

        public void OnEvent(long timestamp, long nowMs)
        {
            _lastEventAt = nowMs;
            _lastAdvanceAt = nowMs;
            if (timestamp > _maxTimestamp)
            {
                _maxTimestamp = timestamp;
                Current = Math.Max(Current, timestamp - maxOutOfOrderMs);
            }
        }

        public void OnTick(long nowMs)
        {
            if (_lastEventAt == long.MinValue)
            {
                // Idleness is measured from the first time the partition was looked at.
                _lastEventAt = nowMs;
                _lastAdvanceAt = nowMs;
                return;
            }
            if (intervalMs <= 0 || Current == long.MinValue || nowMs - _lastEventAt < intervalMs || nowMs <= _lastAdvanceAt)
            {
                return;
            }
            Current += nowMs - _lastAdvanceAt;
            _lastAdvanceAt = nowMs;
        }

        public bool IsIdle(long nowMs) => idleTimeoutMs > 0 && _lastEventAt != long.MinValue && nowMs - _lastEventAt >= idleTimeoutMs;
    }
}
