using System.CommandLine;
using OrleansStreams.Cli.Input;
using OrleansStreams.Cli.Output;

namespace OrleansStreams.Cli.Commands;

/// <summary><c>tail STREAM</c>: prints entries as they are added (TailAsync) until Ctrl+C or <c>--count</c>.</summary>
internal static class TailCommand
{
    private static readonly Argument<string> Stream = new("stream") { Description = "the stream to follow" };

    private static readonly Option<string> From = new("--from")
    {
        Description = "print entries after this ID: $ (only new ones), 0 (all), <ms> or <ms>-<seq>",
        DefaultValueFactory = _ => "$",
    };

    private static readonly Option<long?> Count = OptionRules.Positive(new Option<long?>("--count") { Description = "stop after this many entries" });

    public static Command Create() =>
        new Command("tail", "Print entries as they are added, until Ctrl+C or --count")
        {
            Stream, From, Count,
        }.WithAction(RunAsync);

    private static async Task<int> RunAsync(CliContext context)
    {
        var from = context.Get(From);
        OrleansStreams.Streams.StreamEntryId? after = from == "$" ? null : EntryIds.Parse(from, isEnd: false);
        var count = context.Get(Count);
        long printed = 0;
        using var printer = new EntryPrinter(context);
        await foreach (var message in context.Streams.TailAsync(context.Get(Stream), after, context.Cancellation))
        {
            printer.Print(message);
            if (++printed == count)
            {
                break;
            }
        }
        return ExitCodes.Success;
    }
}
