using System.CommandLine;
using System.Text.Json.Nodes;
using OrleansStreams.Cli.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansStreams.Cli.Commands;

/// <summary><c>top</c>: a live view of every stream and group (length, pending, lag, rates), refreshed every second.</summary>
internal static class TopCommand
{
    private static readonly Option<int?> Iterations = new("--iterations", "-n")
    {
        Description = "stop after this many refreshes (default: until Ctrl+C; 1 with --json)",
    };

    private static readonly Option<int> Interval = OptionRules.InRange(new Option<int>("--interval")
    {
        Description = "milliseconds between refreshes",
        DefaultValueFactory = _ => 1000,
    }, 50, 3_600_000);

    private static readonly Option<int> MaxStreams = OptionRules.Positive(new Option<int>("--max-streams")
    {
        Description = "show at most this many streams",
        DefaultValueFactory = _ => 100,
    });

    public static Command Create()
    {
        Iterations.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--iterations must be at least 1.");
            }
        });
        return new Command("top", "A live view of streams and groups: length, pending, lag and rates")
        {
            Iterations, Interval, MaxStreams,
        }.WithAction(RunAsync);
    }

    private static async Task<int> RunAsync(CliContext context)
    {
        var iterations = context.Get(Iterations) ?? (context.Json ? 1 : int.MaxValue);
        var interval = TimeSpan.FromMilliseconds(context.Get(Interval));
        var sampler = new TopSampler(context.Streams, context.Get(MaxStreams));
        JsonObject? last = null;

        async Task Refresh(Action<JsonObject> show)
        {
            for (var i = 0; i < iterations; i++)
            {
                if (i > 0)
                {
                    // The refresh period of the view, not a synchronisation.
                    await Task.Delay(interval, context.Cancellation);
                }
                last = await sampler.SampleAsync(context.Cancellation);
                show(last);
            }
        }

        if (context.Json)
        {
            await Refresh(_ => { });
            JsonOutput.Write(last!);
        }
        else if (context.Interactive)
        {
            await AnsiConsole.Live(new Text("sampling…")).StartAsync(live => Refresh(s =>
            {
                live.UpdateTarget(Render(s));
                live.Refresh();
            }));
        }
        else
        {
            await Refresh(s => AnsiConsole.Write(Render(s)));
        }
        return ExitCodes.Success;
    }

    /// <summary>One row per group (a stream without groups gets one row), the stream's columns on its first row only.</summary>
    private static IRenderable Render(JsonObject sample)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"ostreams top — {DateTime.Now:HH:mm:ss}");
        foreach (var column in new[] { "stream", "length", "added/s", "group", "consumers", "pending", "lag", "read/s" })
        {
            table.AddColumn(column);
        }
        foreach (var stream in sample["streams"]!.AsArray().OfType<JsonObject>())
        {
            var groups = stream["groups"]!.AsArray().OfType<JsonObject>().ToList();
            string[] head = [Display.Cell(stream["name"]), Display.Cell(stream["length"]), Display.Cell(stream["addedPerSecond"])];
            if (groups.Count == 0)
            {
                AddRow(table, [.. head, "", "", "", "", ""]);
            }
            for (var i = 0; i < groups.Count; i++)
            {
                var g = groups[i];
                AddRow(table, [.. i == 0 ? head : ["", "", ""],
                    Display.Cell(g["name"]), Display.Cell(g["consumers"]), Display.Cell(g["pending"]), Display.Cell(g["lag"]), Display.Cell(g["readPerSecond"])]);
            }
        }
        return table;
    }

    private static void AddRow(Table table, string[] cells) => table.AddRow(cells.Select(c => (IRenderable)new Text(c)));
}
