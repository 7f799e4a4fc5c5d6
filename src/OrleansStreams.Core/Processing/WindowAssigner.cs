namespace OrleansStreams.Processing;

/// <summary>Which time windows an event time falls in, for tumbling, sliding and session windows.</summary>
public static class WindowAssigner
{
    /// <summary>
    /// Appends to <paramref name="output"/> every window of <paramref name="spec"/> that contains
    /// <paramref name="timestamp"/>, ascending by start: one for tumbling (aligned to the offset, with floor
    /// division so negative times land in the right window), ⌈size/slide⌉ or fewer for sliding (aligned to 0),
    /// and the proto-window [ts, ts + gap) for a session, which the window operator then merges.
    /// </summary>
    /// <exception cref="NotSupportedException">Count windows: they are not time windows; the window operator counts them itself.</exception>
    public static void Assign(WindowSpec spec, long timestamp, List<TimeWindow> output)
    {
        switch (spec)
        {
            case WindowSpec.Tumbling t:
                var start = AlignDown(timestamp - t.OffsetMs, t.SizeMs) + t.OffsetMs;
                output.Add(new TimeWindow(start, start + t.SizeMs));
                break;
            case WindowSpec.Sliding s:
                var last = AlignDown(timestamp, s.SlideMs);
                var first = last;
                while (first - s.SlideMs > timestamp - s.SizeMs)
                {
                    first -= s.SlideMs;
                }
                for (var w = first; w <= last; w += s.SlideMs)
                {
                    // A slide longer than the size leaves gaps: the newest start may already have ended.
                    if (w + s.SizeMs > timestamp)
                    {
                        output.Add(new TimeWindow(w, w + s.SizeMs));
                    }
                }
                break;
            case WindowSpec.Session session:
                output.Add(new TimeWindow(timestamp, timestamp + session.GapMs));
                break;
            default:
                throw new NotSupportedException($"{spec.GetType().Name} windows are not assigned by time.");
        }
    }

    /// <summary>The largest multiple of <paramref name="size"/> that is not above <paramref name="value"/> (floor, also below zero).</summary>
    internal static long AlignDown(long value, long size)
    {
        var remainder = value % size;
        return remainder < 0 ? value - remainder - size : value - remainder;
    }
}
