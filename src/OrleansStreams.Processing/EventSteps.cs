namespace OrleansStreams.Processing;

/// <summary>A stateless step: appends 0 (filtered out), 1 (kept or mapped) or n (flatMap) events for one input.</summary>
public interface IEventStep
{
    void Apply(PipelineEvent e, List<PipelineEvent> output);
}

/// <summary>The stateful operator of a keyed pipeline without a window: sees each event with its key's state, emits any number of events.</summary>
public delegate void KeyedProcess(PipelineEvent e, IKeyedState state, List<PipelineEvent> output);

/// <summary>Keeps the events the predicate accepts.</summary>
public sealed class FilterStep(Func<PipelineEvent, bool> predicate, string? description = null) : IEventStep
{
    public string? Description { get; } = description;

    public void Apply(PipelineEvent e, List<PipelineEvent> output)
    {
        if (predicate(e))
        {
            output.Add(e);
        }
    }
}

/// <summary>Replaces each event with the function's result (which may be the same event, changed).</summary>
public sealed class MapStep(Func<PipelineEvent, PipelineEvent> map, string? description = null) : IEventStep
{
    public string? Description { get; } = description;

    public void Apply(PipelineEvent e, List<PipelineEvent> output) => output.Add(map(e));
}

/// <summary>Replaces each event with the function's results, zero or more.</summary>
public sealed class FlatMapStep(Func<PipelineEvent, IEnumerable<PipelineEvent>> flatMap, string? description = null) : IEventStep
{
    public string? Description { get; } = description;

    public void Apply(PipelineEvent e, List<PipelineEvent> output) => output.AddRange(flatMap(e));
}
