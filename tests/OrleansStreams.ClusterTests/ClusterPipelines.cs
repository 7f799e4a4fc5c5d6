using OrleansStreams.Processing;

namespace OrleansStreams.ClusterTests;

/// <summary>A pipeline written in C#, registered on every silo at start-up, with keyed state.</summary>
public static class ClusterPipelines
{
    public const string Name = "cl-csharp-words";
    public const string Source = "cl:csharp:in";
    public const string Sink = "cl:csharp:out";

    /// <summary>Per user: how many words so far and their total length, kept in keyed state; one result per word.</summary>
    public static PipelinePlan WordLengths() => Pipeline.From(Source)
        .KeyBy("user")
        .Process((e, state, output) =>
        {
            var word = e.Get<string>("word") ?? "";
            var words = state.Update<long>("words", n => n + 1);
            var chars = state.Update<long>("chars", n => n + word.Length);
            output.Add(new PipelineEvent { Id = e.Id, Timestamp = e.Timestamp }
                .Set("key", state.Key).Set("words", words).Set("chars", chars));
        })
        .ToStream(Sink)
        .Build(Name);

    public const string ReduceName = "cl-csharp-reduce";
    public const string MemorySource = "cl-mem-in";
    public const string MemorySink = "cl-mem-out";

    /// <summary>A rolling sum per user (Reduce, kept in keyed state) from a memory source to a memory sink.</summary>
    public static PipelinePlan RollingSums() => Pipeline.FromMemory(MemorySource)
        .KeyBy("user")
        .Reduce((sum, e) => sum.Clone().Set("amount", sum.Get<long>("amount") + e.Get<long>("amount")))
        .ToMemory(MemorySink)
        .Build(ReduceName);
}
