using System.Globalization;
using Microsoft.Extensions.Configuration;
using OrleansStreams.Client;

// Page views per page and minute, defined in C# with PipelineDefinition (sent as the JSON of
// docs/pipelines.md), fed with events, read back from the sink stream, measured with InfoAsync, dropped.
var config = new ConfigurationBuilder().AddCommandLine(args).Build();
var gatewayPort = config.GetValue("gateway-port", 30000);
var timeout = TimeSpan.FromSeconds(config.GetValue("seconds", 30));

await using var connection = await OrleansStreamsConnection.ConnectAsync(o => o.GatewayPort = gatewayPort);
var streams = connection.Streams;
var run = DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
var (name, clicks, views) = ($"pageviews-{run}", $"pfc:{run}:clicks", $"pfc:{run}:views");

var definition = PipelineDefinition.From(clicks)
    .EventTime("ts")
    .BoundedWatermark(TimeSpan.FromSeconds(5))
    .Filter("type == 'view'")
    .KeyBy("page")
    .TumblingWindow(TimeSpan.FromMinutes(1))
    .Aggregate(("count", null, "views"))
    .ToStream(views);
await connection.Pipelines.CreateAsync(name, definition);
Console.WriteLine($"created pipeline {name}: {definition.ToJson()}");

// Event times in ms since the epoch; the view at …099000 comes after the one at …103000 and still counts
// (within the 5 s bound); the last event moves the watermark past the end of the first minute.
(long Ts, string Type, string Page)[] events =
[
    (1700000040000, "view", "/home"), (1700000052000, "view", "/cart"), (1700000058000, "click", "/home"),
    (1700000061000, "view", "/home"), (1700000103000, "view", "/home"), (1700000099000, "view", "/home"),
    (1700000106000, "view", "/cart"),
];
foreach (var (ts, type, page) in events)
{
    await streams.AddAsync(clicks, [new("ts", ts.ToString(CultureInfo.InvariantCulture)), new("type", type), new("page", page)]);
}
Console.WriteLine($"wrote {events.Length} events to {clicks}");

// Windows are written once the watermark passes their end: wait for both, with a deadline.
var deadline = DateTime.UtcNow + timeout;
IReadOnlyList<StreamMessage> results = [];
while (results.Count < 2 && DateTime.UtcNow < deadline)
{
    await Task.Delay(100);
    results = await streams.RangeAsync(views);
}
foreach (var result in results)
{
    Console.WriteLine($"result {result.Id}: {string.Join(' ', result.Fields)}");
}

var info = await connection.Pipelines.InfoAsync(name);
if (info is not null)
{
    var m = info.Metrics;
    Console.WriteLine($"metrics: state={(info.Paused ? "paused" : "running")} received={m.Received} processed={m.Processed} emitted={m.Emitted} " +
        $"latency_p50_ms={m.LatencyP50Ms:0.#} latency_p99_ms={m.LatencyP99Ms:0.#} state_entries={m.StateEntries} watermark={m.Watermark}");
}
Console.WriteLine(await connection.Pipelines.DropAsync(name) ? $"dropped pipeline {name}" : $"pipeline {name} was gone already");
await streams.DeleteStreamAsync(clicks);
await streams.DeleteStreamAsync(views);
return results.Count >= 2 ? 0 : 1;
