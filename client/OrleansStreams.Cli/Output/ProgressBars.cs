using Spectre.Console;

namespace OrleansStreams.Cli.Output;

/// <summary>Spectre progress bars on an interactive terminal; nothing (the work alone) when output is redirected or JSON.</summary>
internal static class ProgressBars
{
    /// <summary>Runs <paramref name="work"/>, which reports progress as (bar index, amount done since the last report).</summary>
    public static async Task RunAsync(CliContext context, IReadOnlyList<(string Label, double Total)> bars, Func<Action<int, double>, Task> work)
    {
        if (!context.Interactive)
        {
            await work((_, _) => { });
            return;
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var tasks = bars.Select(b => progress.AddTask(Markup.Escape(b.Label), maxValue: b.Total)).ToArray();
                await work((bar, amount) => tasks[bar].Increment(amount));
            });
    }
}
