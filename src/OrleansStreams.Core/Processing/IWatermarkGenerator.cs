namespace OrleansStreams.Processing;

/// <summary>
/// The watermark of one source partition: a promise that no event older than <see cref="Current"/> is still
/// expected. It never goes backwards and starts at <see cref="long.MinValue"/>. Wall-clock time is passed in as
/// milliseconds so that the caller (and tests) own the clock.
/// </summary>
public interface IWatermarkGenerator
{
    /// <summary>The current watermark; <see cref="long.MinValue"/> until the first event.</summary>
    long Current { get; }

    /// <summary>An event with event time <paramref name="timestamp"/> was read at wall-clock time <paramref name="nowMs"/>.</summary>
    void OnEvent(long timestamp, long nowMs);

    /// <summary>Time passes with no event; periodic watermarks advance here.</summary>
    void OnTick(long nowMs);

    /// <summary>True when the spec has an idle timeout and no event arrived for that long (counted from the first call seen).</summary>
    bool IsIdle(long nowMs);
}
