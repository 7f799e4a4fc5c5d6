namespace OrleansStreams.Processing;

public sealed partial class WindowOperator
{
    private void AddToSession(KeyedEvent e, long gap, WindowOutput output)
    {
        var start = e.Timestamp;
        var end = SaturatingAdd(start, gap);
        _sessions.TryGetValue(e.Key, out var sessions);

        // Sessions of a key are disjoint and sorted by start, so their ends are sorted too.
        var first = sessions is null ? 0 : FirstEndingAtOrAfter(sessions, start);
        var last = first;
        while (sessions is not null && last < sessions.Count && sessions[last].Start <= end)
        {
            last++;
        }
        var merged = last - first;
        var mergedEnd = merged == 0 ? end : Math.Max(end, sessions![last - 1].End);
        if (mergedEnd <= Watermark && !IsKept(mergedEnd))
        {
            RejectLate(e, output);
            return;
        }

        WindowState target;
        if (merged == 0)
        {
            if (sessions is null)
            {
                sessions = [];
                _sessions.Add(e.Key, sessions);
            }
            target = NewState(e.Key, start, end);
            sessions.Insert(first, target);
            _sessionCount++;
        }
        else
        {
            target = sessions![first];
            if (merged == 1 && target.Start <= start && target.End >= end)
            {
                // The common case: an event inside its session; bounds and schedule stay as they are.
                target.Add(e);
                if (target.End <= Watermark)
                {
                    EmitLate(target, output);
                }
                return;
            }
            Unschedule(target);
            for (var i = first + 1; i < last; i++)
            {
                Unschedule(sessions[i]);
                target.Absorb(sessions[i]);
            }
            sessions.RemoveRange(first + 1, merged - 1);
            _sessionCount -= merged - 1;
            target.Start = Math.Min(target.Start, start);
            target.End = mergedEnd;
        }

        target.Add(e);
        if (target.End > Watermark)
        {
            _pending.Add(target);
        }
        else
        {
            output.Results.Add(Result(target));
            target.Fired = true;
            _fired.Add(target);
        }
    }

    private void Unschedule(WindowState state)
    {
        if (!_pending.Remove(state))
        {
            _fired.Remove(state);
        }
    }

    private static int FirstEndingAtOrAfter(List<WindowState> sessions, long time)
    {
        int lo = 0, hi = sessions.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sessions[mid].End < time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private void AddToCountWindow(KeyedEvent e, long size, WindowOutput output)
    {
        var end = SaturatingAdd(e.Timestamp, 1);
        if (!_counts.TryGetValue(e.Key, out var state))
        {
            state = NewState(e.Key, e.Timestamp, end);
            _counts.Add(e.Key, state);
        }
        state.Add(e);
        state.Start = Math.Min(state.Start, e.Timestamp);
        state.End = Math.Max(state.End, end);
        state.Count++;
        if (state.Count >= size)
        {
            output.Results.Add(Result(state));
            _counts.Remove(e.Key);
        }
    }
}
