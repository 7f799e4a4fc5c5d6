namespace OrleansStreams.Processing;

/// <summary>
/// All aggregates of one window of one key. Input <c>i</c> of an event (<see cref="KeyedEvent.Values"/>) feeds
/// aggregate <c>i</c>; a missing input reads as null.
/// <list type="bullet">
/// <item><b>count</b>: events, whatever their input.</item>
/// <item><b>sum, avg, min, max</b>: over inputs that parse as finite numbers (invariant culture); others and nulls
/// are ignored. Integer sums stay exact (long) and fall back to double on overflow or on a non-integer input.
/// Integers print without a fraction, doubles as the shortest round-trip text. Sum of nothing is "0"; avg, min and
/// max of nothing are "".</item>
/// <item><b>first, last</b>: the non-null input of the event with the smallest / largest event time; on equal
/// times the earlier arrival is first and the later arrival last. "" when there is none.</item>
/// <item><b>countDistinct</b>: distinct non-null inputs (ordinal), exact while at most <c>Limit</c> are tracked;
/// beyond that it saturates at <c>Limit</c> rather than guess.</item>
/// <item><b>collect</b>: JSON array of the first <c>Limit</c> non-null inputs in arrival order.</item>
/// <item><b>duration</b>: largest minus smallest event time ("0" for one event, "" for none).</item>
/// </list>
/// <see cref="Merge"/> gives the result of adding all events to one accumulator, taking the merged-in events as
/// arriving after this one's (which decides collect's order and first/last ties).
/// </summary>
public sealed class Accumulator
{
    private readonly AggregateState[] _states;

    private Accumulator(AggregateState[] states) => _states = states;

    public static Accumulator Create(IReadOnlyList<AggregateSpec> specs)
    {
        var states = new AggregateState[specs.Count];
        for (var i = 0; i < states.Length; i++)
        {
            states[i] = AggregateState.Create(specs[i]);
        }
        return new Accumulator(states);
    }

    public void Add(KeyedEvent e)
    {
        var values = e.Values;
        for (var i = 0; i < _states.Length; i++)
        {
            _states[i].Add(i < values.Length ? values[i] : null, e.Timestamp);
        }
    }

    /// <summary>Folds in <paramref name="other"/> (same specs), whose events count as arriving after this one's.</summary>
    public void Merge(Accumulator other)
    {
        for (var i = 0; i < _states.Length; i++)
        {
            _states[i].Merge(other._states[i]);
        }
    }

    /// <summary>The aggregate values in spec order.</summary>
    public string[] Results()
    {
        var results = new string[_states.Length];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = _states[i].Result();
        }
        return results;
    }

    /// <summary>A rough estimate of the managed memory this accumulator holds.</summary>
    public long EstimatedBytes
    {
        get
        {
            long bytes = 32 + (8L * _states.Length);
            foreach (var state in _states)
            {
                bytes += state.EstimatedBytes;
            }
            return bytes;
        }
    }

    public void WriteTo(BinaryWriter writer)
    {
        foreach (var state in _states)
        {
            state.WriteTo(writer);
        }
    }

    public static Accumulator ReadFrom(BinaryReader reader, IReadOnlyList<AggregateSpec> specs)
    {
        var accumulator = Create(specs);
        foreach (var state in accumulator._states)
        {
            state.ReadFrom(reader);
        }
        return accumulator;
    }
}
