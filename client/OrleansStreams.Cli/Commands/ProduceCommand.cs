using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using OrleansStreams.Cli.Input;
using OrleansStreams.Cli.Output;
using OrleansStreams.Client;

namespace OrleansStreams.Cli.Commands;

/// <summary><c>produce STREAM</c>: entries from stdin lines, or <c>--count N [--rate R]</c> generated events, appended in batches (AddBatchAsync).</summary>
internal static class ProduceCommand
{
    private static readonly Argument<string> Stream = new("stream") { Description = "the stream to append to" };

    private static readonly Option<long?> Count = OptionRules.Positive(new Option<long?>("--count")
    {
        Description = "generate this many events (fields seq, ts, key, payload) instead of reading stdin",
    });

    private static readonly Option<double> Rate = new("--rate") { Description = "generated events per second (0: as fast as possible)" };

    private static readonly Option<int> Batch = OptionRules.Positive(new Option<int>("--batch")
    {
        Description = "entries per AddBatchAsync call",
        DefaultValueFactory = _ => 100,
    });

    private static readonly Option<int> Keys = OptionRules.Positive(new Option<int>("--keys")
    {
        Description = "distinct values of the generated 'key' field",
        DefaultValueFactory = _ => 16,
    });

    private static readonly Option<int> PayloadSize = OptionRules.InRange(new Option<int>("--payload-size")
    {
        Description = "characters of the generated 'payload' field",
        DefaultValueFactory = _ => 32,
    }, 0, 1 << 20);

    public static Command Create() =>
        new Command("produce", "Append entries: one per stdin line (a JSON object or field=value pairs), or --count generated events")
        {
            Stream, Count, Rate, Batch, Keys, PayloadSize,
        }.WithAction(RunAsync);

    private static async Task<int> RunAsync(CliContext context)
    {
        var stream = context.Get(Stream);
        var count = context.Get(Count);
        var batchSize = context.Get(Batch);
        var rate = context.Get(Rate);
        if (rate > 0)
        {
            // Small batches keep a paced run smooth: about twenty sends a second.
            batchSize = (int)Math.Clamp(rate / 20, 1, batchSize);
        }
        var batches = count is { } n
            ? Generated(n, batchSize, context.Get(Keys), context.Get(PayloadSize))
            : StdinBatches(batchSize, context.Cancellation);
        var clock = Stopwatch.StartNew();
        long produced = 0;
        string? firstId = null, lastId = null;
        await ProgressBars.RunAsync(context, count is null ? [] : [($"produce {stream}", count.Value)], async progress =>
        {
            await foreach (var batch in batches)
            {
                await PaceAsync(clock, produced, rate, context.Cancellation);
                var ids = await context.Streams.AddBatchAsync(stream, batch, cancellationToken: context.Cancellation);
                firstId ??= ids[0].ToString();
                lastId = ids[^1].ToString();
                produced += ids.Count;
                progress(0, ids.Count);
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var perSecond = seconds > 0 ? produced / seconds : 0;
        if (context.Json)
        {
            JsonOutput.Write(new JsonObject
            {
                ["stream"] = stream,
                ["entries"] = produced,
                ["seconds"] = Math.Round(seconds, 3),
                ["rate"] = Math.Round(perSecond, 1),
                ["firstId"] = firstId,
                ["lastId"] = lastId,
            });
        }
        else
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"produced {produced} {(produced == 1 ? "entry" : "entries")} to {stream} in {seconds:0.00} s ({perSecond:0} entries/s)"));
        }
        return ExitCodes.Success;
    }

    /// <summary>Waits until the entry numbered <paramref name="produced"/> is due at <paramref name="rate"/> per second.</summary>
    private static async Task PaceAsync(Stopwatch clock, long produced, double rate, CancellationToken cancellation)
    {
        if (rate <= 0)
        {
            return;
        }
        var due = TimeSpan.FromSeconds(produced / rate) - clock.Elapsed;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due, cancellation);
        }
    }

    private static async IAsyncEnumerable<List<IReadOnlyList<StreamField>>> Generated(long count, int batchSize, int keys, int payloadSize)
    {
        var payload = new string('x', payloadSize);
        for (long seq = 0; seq < count;)
        {
            var batch = new List<IReadOnlyList<StreamField>>(batchSize);
            for (; batch.Count < batchSize && seq < count; seq++)
            {
                var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                batch.Add([
                    new("seq", seq.ToString(CultureInfo.InvariantCulture)),
                    new("ts", ts.ToString(CultureInfo.InvariantCulture)),
                    new("key", string.Create(CultureInfo.InvariantCulture, $"key-{seq % keys}")),
                    new("payload", payload),
                ]);
            }
            yield return batch;
            await Task.Yield();
        }
    }

    private static async IAsyncEnumerable<List<IReadOnlyList<StreamField>>> StdinBatches(int batchSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var batch = new List<IReadOnlyList<StreamField>>(batchSize);
        var lineNumber = 0;
        while (await Console.In.ReadLineAsync(cancellation) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            batch.Add(FieldLines.Parse(line, lineNumber));
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new(batchSize);
            }
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
