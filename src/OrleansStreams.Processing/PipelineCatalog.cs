using System.Collections.Concurrent;

namespace OrleansStreams.Processing;

/// <summary>The C# pipelines of a silo, registered at start-up and looked up by name by the runtime.</summary>
public sealed class PipelineCatalog
{
    private readonly ConcurrentDictionary<string, PipelinePlan> _plans = new(StringComparer.Ordinal);

    /// <summary>Adds a plan; a second plan with the same name is an error.</summary>
    public PipelineCatalog Register(PipelinePlan plan)
    {
        if (!_plans.TryAdd(plan.Name, plan))
        {
            throw new InvalidOperationException($"a pipeline named '{plan.Name}' is already registered");
        }
        return this;
    }

    public bool TryGet(string name, out PipelinePlan plan) => _plans.TryGetValue(name, out plan!);

    public IEnumerable<PipelinePlan> All => _plans.Values;
}
