using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using OrleansStreams.Client;
using TypedEvents;

// A typed publisher and reader over a partitioned topic: AddKeyedAsync<OrderPlaced> puts each customer's
// orders on one partition stream ({topic}:0 … {topic}:N-1), so they stay in order; the reader tails every
// partition with TailAsync and turns entries back into records with As<OrderPlaced>().
var config = new ConfigurationBuilder().AddCommandLine(args).Build();
var gatewayPort = config.GetValue("gateway-port", 30000);
var count = config.GetValue("count", 12);
var partitions = config.GetValue("partitions", 4);
var timeout = TimeSpan.FromSeconds(config.GetValue("seconds", 30));

await using var connection = await OrleansStreamsConnection.ConnectAsync(o => o.GatewayPort = gatewayPort);
var streams = connection.Streams;
var topic = $"typed:{DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture)}:orders";
string[] customers = ["ann", "bob", "cy", "dee", "eve"];

// The reader starts first, from the beginning of each partition, and forwards what it reads to one channel.
using var stop = new CancellationTokenSource(timeout);
var read = Channel.CreateUnbounded<(string Stream, StreamMessage Message)>();
var readers = Enumerable.Range(0, partitions).Select(p => $"{topic}:{p}").Select(async stream =>
{
    try
    {
        await foreach (var message in streams.TailAsync(stream, OrleansStreams.Streams.StreamEntryId.Min, stop.Token))
        {
            await read.Writer.WriteAsync((stream, message), stop.Token);
        }
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
    }
}).ToArray();

var published = new Dictionary<string, OrderPlaced>();
for (var i = 1; i <= count; i++)
{
    var order = new OrderPlaced($"order-{i}", customers[i % customers.Length], 10m * i + 0.99m, DateTimeOffset.UtcNow);
    var (stream, id) = await streams.AddKeyedAsync(topic, partitions, order.Customer, order);
    published[order.OrderId] = order;
    Console.WriteLine($"published {order.OrderId} for {order.Customer} to {stream} as {id}");
}

var matched = 0;
try
{
    while (matched < count)
    {
        var (stream, message) = await read.Reader.ReadAsync(stop.Token);
        var order = message.As<OrderPlaced>();
        var same = published.TryGetValue(order.OrderId, out var sent) && sent == order;
        matched += same ? 1 : 0;
        Console.WriteLine($"read {stream} {message.Id}: {order}{(same ? "" : "  <- differs from what was published")}");
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}
await stop.CancelAsync();
await Task.WhenAll(readers);
for (var p = 0; p < partitions; p++)
{
    await streams.DeleteStreamAsync($"{topic}:{p}");
}
Console.WriteLine(matched == count
    ? $"read back {matched} of {count} orders from {partitions} partitions, each equal to the record published"
    : $"only {matched} of {count} orders read back equal");
return matched == count ? 0 : 1;
