using OrleansStreams.Processing;

namespace OrleansStreams.Core.UnitTests.Processing;

/// <summary>
/// The window rules restated over plain event lists: which windows an event joins, when they fire, what a late
/// event does, with every result recomputed from scratch by <see cref="Brute.Aggregate"/>.
/// </summary>
internal sealed class WindowModel(WindowSpec spec, LatePolicy late)
{
    private sealed class Window
    {
        public required string Key;
        public long Start;
        public long End;
        public List<KeyedEvent> Events = [];
        public bool Fired;
        public bool Due;
    }

    private readonly List<Window> _windows = [];
    private readonly Dictionary<string, List<KeyedEvent>> _counts = [];
    private readonly long _keep = late.Kind is LatePolicyKind.AllowedLateness or LatePolicyKind.Recompute ? late.AllowedLatenessMs : 0;
    private long _watermark = long.MinValue;

    public List<string> Results { get; } = [];

    public List<KeyedEvent> Late { get; } = [];

    public long Dropped { get; private set; }

    private bool Kept(long end) => _keep > 0 && _watermark < end + _keep;

    private void Emit(Window w)
    {
        var events = late.Kind == LatePolicyKind.Recompute ? w.Events.OrderBy(e => e.Timestamp).ToList() : w.Events;
        Results.Add(Brute.Describe(w.Key, w.Start, w.End, w.Fired, events));
        w.Fired = true;
        w.Due = false;
    }

    private List<TimeWindow> WindowsOf(long ts) => spec switch
    {
        WindowSpec.Tumbling t => Brute.Windows(ts, t.SizeMs, t.SizeMs, t.OffsetMs),
        WindowSpec.Sliding s => Brute.Windows(ts, s.SizeMs, s.SlideMs, 0),
        _ => throw new NotSupportedException(),
    };

    public void Add(KeyedEvent e)
    {
        switch (spec)
        {
            case WindowSpec.Count c:
                var list = _counts.TryGetValue(e.Key, out var l) ? l : _counts[e.Key] = [];
                list.Add(e);
                if (list.Count == c.Size)
                {
                    Results.Add(Brute.Describe(e.Key, list.Min(x => x.Timestamp), list.Max(x => x.Timestamp) + 1, false, list));
                    _counts.Remove(e.Key);
                }
                return;
            case WindowSpec.Session s:
                AddToSession(e, s.GapMs);
                return;
        }
        var accepted = false;
        foreach (var (start, end) in WindowsOf(e.Timestamp))
        {
            if (end <= _watermark && !Kept(end))
            {
                continue;
            }
            var w = _windows.Find(x => x.Key == e.Key && x.Start == start);
            if (w is null)
            {
                _windows.Add(w = new Window { Key = e.Key, Start = start, End = end, Due = true });
            }
            w.Events.Add(e);
            accepted = true;
            if (end <= _watermark)
            {
                Emit(w);
            }
        }
        if (!accepted)
        {
            Reject(e);
        }
    }

    private void AddToSession(KeyedEvent e, long gap)
    {
        var start = e.Timestamp;
        var end = e.Timestamp + gap;
        var touching = _windows.Where(w => w.Key == e.Key && start <= w.End && end >= w.Start).OrderBy(w => w.Start).ToList();
        var mergedEnd = touching.Select(w => w.End).Append(end).Max();
        if (mergedEnd <= _watermark && !Kept(mergedEnd))
        {
            Reject(e);
            return;
        }
        var merged = new Window
        {
            Key = e.Key,
            Start = touching.Select(w => w.Start).Append(start).Min(),
            End = mergedEnd,
            Events = touching.SelectMany(w => w.Events).Append(e).ToList(),
            Fired = touching.Any(w => w.Fired),
            Due = true,
        };
        _windows.RemoveAll(touching.Contains);
        _windows.Add(merged);
        if (mergedEnd <= _watermark)
        {
            Emit(merged);
        }
    }

    private void Reject(KeyedEvent e)
    {
        if (late.Kind == LatePolicyKind.SideOutput)
        {
            Late.Add(e);
        }
        else
        {
            Dropped++;
        }
    }

    public void Advance(long watermark)
    {
        if (watermark <= _watermark)
        {
            return;
        }
        _watermark = watermark;
        var due = _windows.Where(w => w.Due && w.End <= watermark)
            .OrderBy(w => w.End).ThenBy(w => w.Start).ThenBy(w => w.Key, StringComparer.Ordinal).ToList();
        due.ForEach(Emit);
        _windows.RemoveAll(w => !w.Due && !Kept(w.End));
    }
}
