using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using OrleansStreams.Cli.Output;
using OrleansStreams.Client;

namespace OrleansStreams.Cli.Commands;

/// <summary>
/// <c>bench</c>: producers append <c>--count</c> entries in batches while consumers of one group read and
/// acknowledge them; reports throughput, the latency of a batch append and the end-to-end latency
/// (append to read) as p50/p99/max.
/// </summary>
internal static class BenchCommand
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(15);

    private static readonly Option<long?> Count = OptionRules.Positive(new Option<long?>("--count")
    {
        Description = "entries to produce (and consume)",
        DefaultValueFactory = _ => 10_000,
    });

    private static readonly Option<int> Producers = OptionRules.Positive(new Option<int>("--producers") { Description = "producer tasks", DefaultValueFactory = _ => 1 });

    private static readonly Option<int> Batch = OptionRules.Positive(new Option<int>("--batch") { Description = "entries per append and per read", DefaultValueFactory = _ => 100 });

    private static readonly Option<int> Consumers = OptionRules.InRange(new Option<int>("--consumers")
    {
        Description = "consumers in the group (0: produce only)",
        DefaultValueFactory = _ => 1,
    }, 0, 1024);

    private static readonly Option<int> PayloadSize = OptionRules.InRange(new Option<int>("--payload-size")
    {
        Description = "characters of each entry's payload",
        DefaultValueFactory = _ => 32,
    }, 0, 1 << 20);

    private static readonly Option<string?> Stream = new("--stream") { Description = "the stream (default: a new bench:<random> one, deleted afterwards)" };

    public static Command Create() =>
        new Command("bench", "Produce and consume load; report throughput and p50/p99/max latencies")
        {
            Count, Producers, Batch, Consumers, PayloadSize, Stream,
        }.WithAction(RunAsync);

    private static async Task<int> RunAsync(CliContext context)
    {
        var count = context.Get(Count)!.Value;
        var (producers, consumers, batch) = (context.Get(Producers), context.Get(Consumers), context.Get(Batch));
        var named = context.Get(Stream);
        var stream = named ?? $"bench:{Guid.NewGuid():N}"[..14];
        const string group = "bench";
        if (consumers > 0)
        {
            await context.Streams.CreateGroupAsync(stream, group, GroupPosition.End, makeStream: true, context.Cancellation);
        }
        var appendLatency = new LatencyRecorder();
        var endToEnd = new LatencyRecorder();
        var run = new BenchRun(context.Streams, stream, group, count, batch, new string('x', context.Get(PayloadSize)), context.Cancellation);
        var clock = Stopwatch.StartNew();
        double produceSeconds = 0;
        IReadOnlyList<(string, double)> bars = consumers > 0 ? [("produce", count), ("consume", count)] : [("produce", count)];
        try
        {
            await ProgressBars.RunAsync(context, bars, async progress =>
            {
                var consuming = Enumerable.Range(0, consumers).Select(i => run.ConsumeAsync($"consumer-{i}", endToEnd, n => progress(1, n))).ToArray();
                await Task.WhenAll(Enumerable.Range(0, producers).Select(p => run.ProduceAsync(Share(count, producers, p), appendLatency, n => progress(0, n))));
                produceSeconds = clock.Elapsed.TotalSeconds;
                await Task.WhenAll(consuming);
            });
        }
        finally
        {
            if (named is null)
            {
                await context.Streams.DeleteStreamAsync(stream, CancellationToken.None);
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Display.Show(context, new JsonObject
        {
            ["stream"] = stream,
            ["count"] = count,
            ["producers"] = producers,
            ["consumers"] = consumers,
            ["batch"] = batch,
            ["seconds"] = Math.Round(seconds, 3),
            ["produced"] = run.Produced,
            ["consumed"] = run.Consumed,
            ["producePerSecond"] = Math.Round(count / Math.Max(produceSeconds, 1e-9), 1),
            ["consumePerSecond"] = consumers > 0 ? Math.Round(run.Consumed / Math.Max(seconds, 1e-9), 1) : null,
            ["appendLatencyMs"] = appendLatency.Summary(),
            ["endToEndLatencyMs"] = consumers > 0 ? endToEnd.Summary() : null,
        }, "bench");
        return run.Consumed < count && consumers > 0
            ? throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"consumers stalled after {run.Consumed} of {count} entries"))
            : ExitCodes.Success;
    }

    /// <summary>Producer <paramref name="index"/>'s part of <paramref name="count"/>: equal parts, the first ones one more.</summary>
    private static long Share(long count, int producers, int index) => (count / producers) + (index < count % producers ? 1 : 0);

    /// <summary>The shared state of one run: the counters and the produce and consume loops.</summary>
    private sealed class BenchRun(IStreamClient streams, string stream, string group, long count, int batch, string payload, CancellationToken cancellation)
    {
        private long _produced;
        private long _consumed;
        private long _lastProgress = Stopwatch.GetTimestamp();

        public long Produced => Interlocked.Read(ref _produced);

        public long Consumed => Interlocked.Read(ref _consumed);

        public async Task ProduceAsync(long share, LatencyRecorder latency, Action<int> progress)
        {
            for (long done = 0; done < share;)
            {
                var n = (int)Math.Min(batch, share - done);
                var sent = Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
                var entries = Enumerable.Range(0, n).Select(_ => (IReadOnlyList<StreamField>)[new("t", sent), new("payload", payload)]).ToList();
                var started = Stopwatch.GetTimestamp();
                await streams.AddBatchAsync(stream, entries, cancellationToken: cancellation);
                latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                done += n;
                Interlocked.Add(ref _produced, n);
                progress(n);
            }
        }

        /// <summary>Reads and acknowledges until every entry is consumed, or nothing arrived for <see cref="StallTimeout"/>.</summary>
        public async Task ConsumeAsync(string consumer, LatencyRecorder latency, Action<int> progress)
        {
            var options = new ReadGroupOptions { Count = batch, Block = TimeSpan.FromMilliseconds(200) };
            while (Consumed < count && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastProgress)) < StallTimeout)
            {
                var messages = await streams.ReadGroupAsync(stream, group, consumer, options, cancellation);
                if (messages.Count == 0)
                {
                    continue;
                }
                var now = Stopwatch.GetTimestamp();
                foreach (var message in messages)
                {
                    latency.Add(Stopwatch.GetElapsedTime(long.Parse(message["t"]!, CultureInfo.InvariantCulture), now).TotalMilliseconds);
                }
                await streams.AcknowledgeAsync(stream, group, [.. messages.Select(m => m.Id)], cancellation);
                Interlocked.Add(ref _consumed, messages.Count);
                Interlocked.Exchange(ref _lastProgress, Stopwatch.GetTimestamp());
                progress(messages.Count);
            }
        }
    }
}
