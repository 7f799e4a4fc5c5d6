namespace OrleansStreams.Processing;

/// <summary>
/// The windows of one key group (docs/pipelines.md): events go in with <see cref="Add"/>, the group's watermark
/// with <see cref="AdvanceWatermark"/>, and fired windows come out in a <see cref="WindowOutput"/>.
/// <para>A time window fires once <see cref="Watermark"/> ≥ its end, in order of end, start, then key (ordinal),
/// so a replay of the same calls gives the same output. An event is late for a window whose end ≤ the
/// watermark; it is late when it is late for all its windows (for sessions: for the session it would merge into),
/// and then the <see cref="LatePolicy"/> decides: Drop counts it, SideOutput hands it back in
/// <see cref="WindowOutput.Late"/>, AllowedLateness and Recompute keep fired windows until the watermark passes
/// end + AllowedLatenessMs and re-emit a window updated by a late event at once (IsUpdate = true; a window that
/// only comes into being that late fires first with IsUpdate = false). Under Recompute a window keeps its raw events
/// and its result is computed from them in event-time order, as if they had arrived in order. Late events beyond
/// the allowed lateness are counted in <see cref="WindowOutput.LateDropped"/>.</para>
/// <para>Sessions are [first event, last event + gap) per key; an event's [ts, ts + gap) merges with every
/// session it overlaps or touches, including fired sessions still kept; merged accumulators combine in start
/// order, the new event last. An updated merged session carries the merged bounds.</para>
/// <para>Count windows fire inside <see cref="Add"/> every Size events of a key, as [smallest event time, largest
/// event time + 1); they ignore watermarks and the late policy.</para>
/// </summary>
public sealed partial class WindowOperator
{
    private readonly WindowSpec _window;
    private readonly IReadOnlyList<AggregateSpec> _aggregates;
    private readonly LatePolicy _late;
    private readonly string[] _names;
    private readonly long _keepFor;
    private readonly List<TimeWindow> _assigned = [];
    private readonly Dictionary<(string Key, long Start), WindowState> _windows = [];
    private readonly Dictionary<string, List<WindowState>> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WindowState> _counts = new(StringComparer.Ordinal);
    private readonly SortedSet<WindowState> _pending = new(FiringOrder.Instance);
    private readonly SortedSet<WindowState> _fired = new(FiringOrder.Instance);
    private int _sessionCount;

    public WindowOperator(WindowSpec window, IReadOnlyList<AggregateSpec> aggregates, LatePolicy late)
    {
        Validate(window);
        _window = window;
        _aggregates = aggregates;
        _late = late;
        _keepFor = late.Kind is LatePolicyKind.AllowedLateness or LatePolicyKind.Recompute ? Math.Max(0, late.AllowedLatenessMs) : 0;
        _names = new string[aggregates.Count];
        for (var i = 0; i < _names.Length; i++)
        {
            _names[i] = aggregates[i].As;
        }
    }

    /// <summary>The highest watermark seen; <see cref="long.MinValue"/> at first.</summary>
    public long Watermark { get; private set; } = long.MinValue;

    /// <summary>Windows holding state: open ones, fired ones kept for late events, and partial count windows.</summary>
    public int OpenWindows => _windows.Count + _sessionCount + _counts.Count;

    /// <summary>A rough estimate of the memory the window state holds; walks all windows.</summary>
    public long EstimatedBytes
    {
        get
        {
            long bytes = 0;
            foreach (var state in AllStates())
            {
                bytes += state.EstimatedBytes;
            }
            return bytes;
        }
    }

    public void Add(KeyedEvent e, WindowOutput output)
    {
        switch (_window)
        {
            case WindowSpec.Count count:
                AddToCountWindow(e, count.Size, output);
                return;
            case WindowSpec.Session session:
                AddToSession(e, session.GapMs, output);
                return;
        }
        _assigned.Clear();
        WindowAssigner.Assign(_window, e.Timestamp, _assigned);
        var accepted = false;
        foreach (var window in _assigned)
        {
            var onTime = window.End > Watermark;
            if (!onTime && !IsKept(window.End))
            {
                continue;
            }
            if (!_windows.TryGetValue((e.Key, window.Start), out var state))
            {
                state = NewState(e.Key, window.Start, window.End);
                _windows.Add((e.Key, window.Start), state);
                if (onTime)
                {
                    _pending.Add(state);
                }
            }
            state.Add(e);
            accepted = true;
            if (!onTime)
            {
                EmitLate(state, output);
            }
        }
        if (!accepted)
        {
            RejectLate(e, output);
        }
    }

    /// <summary>Moves the watermark on (a lower value is ignored), fires the windows it closes and forgets fired windows past their allowed lateness.</summary>
    public void AdvanceWatermark(long watermark, WindowOutput output)
    {
        if (watermark <= Watermark)
        {
            return;
        }
        Watermark = watermark;
        while (_pending.Count > 0 && _pending.Min!.End <= watermark)
        {
            var state = _pending.Min;
            _pending.Remove(state);
            output.Results.Add(Result(state));
            if (IsKept(state.End))
            {
                state.Fired = true;
                _fired.Add(state);
            }
            else
            {
                Forget(state);
            }
        }
        while (_fired.Count > 0 && !IsKept(_fired.Min!.End))
        {
            var state = _fired.Min;
            _fired.Remove(state);
            Forget(state);
        }
    }

    /// <summary>A window that ended at <paramref name="end"/> (≤ watermark) still takes late events.</summary>
    private bool IsKept(long end) => _keepFor > 0 && Watermark < SaturatingAdd(end, _keepFor);

    private WindowState NewState(string key, long start, long end) => KeepsRawEvents(_window, _late)
        ? new WindowState(key, start, end, null, [])
        : new WindowState(key, start, end, Accumulator.Create(_aggregates), null);

    /// <summary>Recompute keeps raw events; count windows have no lateness, so they never need them.</summary>
    private static bool KeepsRawEvents(WindowSpec window, LatePolicy late) => late.Kind == LatePolicyKind.Recompute && window is not WindowSpec.Count;

    private WindowResult Result(WindowState state) => new(state.Key, state.Start, state.End, _names, state.Results(_aggregates), state.Fired);

    /// <summary>Re-emits a kept window a late event changed; from now on it is a fired window awaiting clean-up.</summary>
    private void EmitLate(WindowState state, WindowOutput output)
    {
        output.Results.Add(Result(state));
        if (!state.Fired)
        {
            state.Fired = true;
            _fired.Add(state);
        }
    }

    private void RejectLate(KeyedEvent e, WindowOutput output)
    {
        if (_late.Kind == LatePolicyKind.SideOutput)
        {
            output.Late.Add(e);
        }
        else
        {
            output.LateDropped++;
        }
    }

    private void Forget(WindowState state)
    {
        if (_window is not WindowSpec.Session)
        {
            _windows.Remove((state.Key, state.Start));
            return;
        }
        var sessions = _sessions[state.Key];
        sessions.Remove(state);
        _sessionCount--;
        if (sessions.Count == 0)
        {
            _sessions.Remove(state.Key);
        }
    }

    private IEnumerable<WindowState> AllStates()
    {
        foreach (var state in _windows.Values)
        {
            yield return state;
        }
        foreach (var sessions in _sessions.Values)
        {
            foreach (var state in sessions)
            {
                yield return state;
            }
        }
        foreach (var state in _counts.Values)
        {
            yield return state;
        }
    }

    private static long SaturatingAdd(long a, long b)
    {
        var sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : sum;
    }

    private static void Validate(WindowSpec window)
    {
        var valid = window switch
        {
            WindowSpec.Tumbling t => t.SizeMs > 0,
            WindowSpec.Sliding s => s.SizeMs > 0 && s.SlideMs > 0,
            WindowSpec.Session s => s.GapMs > 0,
            WindowSpec.Count c => c.Size > 0,
            _ => false,
        };
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "Window sizes, slides and gaps must be positive.");
        }
    }
}
