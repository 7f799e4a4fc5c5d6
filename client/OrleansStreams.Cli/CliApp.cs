using System.CommandLine;
using OrleansStreams.Cli.Commands;

namespace OrleansStreams.Cli;

/// <summary>The root command with its global options and verbs, and the exit code of a run.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ostreams: produce, consume, inspect and benchmark OrleansStreams streams and pipelines.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(ProduceCommand.Create());
        root.Subcommands.Add(ConsumeCommand.Create());
        root.Subcommands.Add(TailCommand.Create());
        root.Subcommands.Add(RangeCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(GroupsCommand.Create());
        root.Subcommands.Add(PendingCommand.Create());
        root.Subcommands.Add(TopCommand.Create());
        root.Subcommands.Add(PipelineCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }

    /// <summary>Parses, reports parse errors as exit code 2, and runs the verb with Ctrl+C wired to its cancellation token.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"ostreams: {error.Message}");
            }
            await Console.Error.WriteLineAsync("Run 'ostreams --help' for usage.");
            return ExitCodes.Usage;
        }
        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns without a terminal; a log or a pipe has room for whole IDs.
            Spectre.Console.AnsiConsole.Profile.Width = 200;
        }
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops the verb cleanly (closing JSON, acknowledging); a second one kills the process.
            e.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        };
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupt.Token);
    }
}
