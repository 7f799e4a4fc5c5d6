namespace OrleansStreams.Processing;

/// <summary>
/// One window of one key inside a <see cref="WindowOperator"/>: its bounds (a session's grow as it merges), its
/// aggregate state, or under <see cref="LatePolicyKind.Recompute"/> its raw events sorted by event time.
/// </summary>
internal sealed class WindowState(string key, long start, long end, Accumulator? accumulator, List<KeyedEvent>? raw)
{
    public string Key { get; } = key;

    public long Start { get; set; } = start;

    public long End { get; set; } = end;

    /// <summary>A result for this window was emitted before, so the next one is an update.</summary>
    public bool Fired { get; set; }

    /// <summary>Events in a count window.</summary>
    public long Count { get; set; }

    public Accumulator? Accumulator { get; } = accumulator;

    public List<KeyedEvent>? Raw { get; } = raw;

    public void Add(KeyedEvent e)
    {
        if (Raw is null)
        {
            Accumulator!.Add(e);
            return;
        }
        // Stable by event time: an event goes after those with the same or an earlier time.
        var at = Raw.Count;
        while (at > 0 && Raw[at - 1].Timestamp > e.Timestamp)
        {
            at--;
        }
        Raw.Insert(at, e);
    }

    /// <summary>Folds in a later session of the same key (sessions merge in start order).</summary>
    public void Absorb(WindowState later)
    {
        if (Raw is null)
        {
            Accumulator!.Merge(later.Accumulator!);
        }
        else
        {
            // Sessions are disjoint in time, so the later one's events all come after this one's.
            Raw.AddRange(later.Raw!);
        }
        Fired |= later.Fired;
    }

    public string[] Results(IReadOnlyList<AggregateSpec> aggregates)
    {
        if (Raw is null)
        {
            return Accumulator!.Results();
        }
        var accumulator = Accumulator.Create(aggregates);
        foreach (var e in Raw)
        {
            accumulator.Add(e);
        }
        return accumulator.Results();
    }

    public long EstimatedBytes
    {
        get
        {
            var bytes = 64L + (2L * Key.Length);
            if (Raw is null)
            {
                return bytes + Accumulator!.EstimatedBytes;
            }
            foreach (var e in Raw)
            {
                bytes += 80 + (2L * e.Key.Length) + (8L * e.Values.Length);
                foreach (var value in e.Values)
                {
                    bytes += value is null ? 0 : 24 + (2L * value.Length);
                }
            }
            return bytes;
        }
    }
}

/// <summary>Windows fire by end, then start, then key (ordinal), so replays and tests see one order.</summary>
internal sealed class FiringOrder : IComparer<WindowState>
{
    public static readonly FiringOrder Instance = new();

    public int Compare(WindowState? x, WindowState? y)
    {
        var c = x!.End.CompareTo(y!.End);
        if (c == 0)
        {
            c = x.Start.CompareTo(y.Start);
        }
        return c != 0 ? c : string.CompareOrdinal(x.Key, y.Key);
    }
}
