using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using OrleansStreams.Client;

// A pool of competing consumers in one process: every worker runs ConsumeAsync on the same group, two
// handlers at a time. Jobs whose number is a multiple of --poison-every always fail: after the retries in
// place they stay pending, the reclaimer (ReclaimIdle) hands them out again, and after MaxDeliveries
// deliveries the group moves them to the dead-letter stream.
var config = new ConfigurationBuilder().AddCommandLine(args).Build();
var gatewayPort = config.GetValue("gateway-port", 30000);
var workers = config.GetValue("workers", 3);
var jobs = config.GetValue("jobs", 30);
var poisonEvery = config.GetValue("poison-every", 7);
var timeout = TimeSpan.FromSeconds(config.GetValue("seconds", 60));

await using var connection = await OrleansStreamsConnection.ConnectAsync(o => o.GatewayPort = gatewayPort);
var streams = connection.Streams;
var run = DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
var stream = $"workerpool:{run}:jobs";
var deadLetters = $"workerpool:{run}:dead";

static bool IsPoison(int job, int every) => job % every == 0;

await streams.AddBatchAsync(stream, Enumerable.Range(1, jobs).Select(j => (IReadOnlyList<StreamField>)[new("job", j.ToString(CultureInfo.InvariantCulture))]));
var poison = Enumerable.Range(1, jobs).Count(j => IsPoison(j, poisonEvery));
Console.WriteLine($"queued {jobs} jobs on {stream}; {poison} of them always fail");

var handled = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
var options = new ConsumeOptions
{
    Concurrency = 2,
    BatchSize = 5,
    MaxRetries = 1,
    RetryBackoff = TimeSpan.FromMilliseconds(20),
    BlockTimeout = TimeSpan.FromMilliseconds(500),
    ReclaimIdle = TimeSpan.FromMilliseconds(400),
    MaxDeliveries = 2,
    DeadLetterStream = deadLetters,
    OnHandlerError = (message, error, attempt) => Console.WriteLine($"  job {message["job"]} failed (attempt {attempt}): {error.Message}"),
};
using var stop = new CancellationTokenSource(timeout);
var pool = Enumerable.Range(1, workers).Select(w => $"worker-{w}").Select(name => streams.ConsumeAsync(stream, "workers", name, async (message, ct) =>
{
    var job = int.Parse(message["job"]!, CultureInfo.InvariantCulture);
    if (IsPoison(job, poisonEvery))
    {
        throw new InvalidOperationException($"job {job} cannot be done");
    }
    await Task.Yield(); // the real work would go here
    handled.GetOrAdd(name, _ => new()).Enqueue(job);
}, options, stop.Token)).ToArray();

// Done when every good job was handled and every poison job reached the dead-letter stream.
while (!stop.IsCancellationRequested && (handled.Values.Sum(q => q.Count) < jobs - poison || await streams.LengthAsync(deadLetters) < poison))
{
    await Task.Delay(100);
}
var finished = !stop.IsCancellationRequested;
await stop.CancelAsync();
await Task.WhenAll(pool);

foreach (var (worker, done) in handled.OrderBy(h => h.Key))
{
    Console.WriteLine($"{worker} handled {done.Count} jobs: {string.Join(' ', done.Order())}");
}
var dead = await streams.RangeAsync(deadLetters);
Console.WriteLine($"dead-letter stream {deadLetters} has {dead.Count} entries:");
foreach (var entry in dead)
{
    Console.WriteLine($"  job {entry["job"]} (entry {entry["origin-id"]}, delivered {entry["delivery-count"]} times)");
}
var total = handled.Values.Sum(q => q.Count);
Console.WriteLine(finished
    ? $"done: {total} jobs handled by {handled.Count} workers, {dead.Count} dead-lettered"
    : $"timed out: {total} of {jobs - poison} jobs handled, {dead.Count} of {poison} dead-lettered");
await streams.DeleteStreamAsync(stream);
await streams.DeleteStreamAsync(deadLetters);
return finished ? 0 : 1;
