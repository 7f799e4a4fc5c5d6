using System.Diagnostics;
using OrleansStreams.Processing;
using OrleansStreams.Streams;

// A by-hand throughput check of PipelinePlan.Prepare (not a timed test): run with
// `dotnet run -c Release --project bench/OrleansStreams.Processing.PrepareBench`.
var keyByCount = Pipeline.From("clicks").KeyBy("page").Window(Windows.Tumbling(TimeSpan.FromMinutes(1)))
    .Aggregate(Agg.Count("views")).ToStream("pv").Build("direct");
var withFilter = PipelineJson.Parse("filtered", """
    {"source":{"stream":"clicks","eventTime":"ts"},"steps":[{"filter":"type == 'click'"},{"keyBy":"page"},
     {"window":{"type":"tumbling","sizeMs":60000}},{"aggregate":[{"op":"count","as":"views"}]}],"sink":{"stream":"pv"}}
    """);
var entries = Enumerable.Range(0, 1024)
    .Select(i => new List<KeyValuePair<string, string>> { new("type", "click"), new("page", $"page{i % 100}"), new("ts", $"{1_700_000_000_000L + i}") })
    .ToArray();

foreach (var plan in new[] { keyByCount, withFilter })
{
    var output = new List<KeyedEvent>(entries.Length);
    Run(plan, entries, output, 200_000);
    const int Events = 5_000_000;
    var watch = Stopwatch.StartNew();
    Run(plan, entries, output, Events);
    Console.WriteLine($"{plan.Name}: {Events / watch.Elapsed.TotalSeconds:N0} events/s on one thread");
}

static void Run(PipelinePlan plan, List<KeyValuePair<string, string>>[] entries, List<KeyedEvent> output, int events)
{
    for (var i = 0; i < events; i++)
    {
        if (output.Count == entries.Length)
        {
            output.Clear();
        }
        plan.Prepare(new StreamEntryId((ulong)i, 0), entries[i % entries.Length], output);
    }
}
