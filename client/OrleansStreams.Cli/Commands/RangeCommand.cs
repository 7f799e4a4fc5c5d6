using System.CommandLine;
using OrleansStreams.Cli.Input;
using OrleansStreams.Cli.Output;

namespace OrleansStreams.Cli.Commands;

/// <summary><c>range STREAM [START] [END]</c>: the entries between two IDs (XRANGE, or XREVRANGE with --reverse).</summary>
internal static class RangeCommand
{
    private static readonly Argument<string> Stream = new("stream") { Description = "the stream to read" };

    private static readonly Argument<string> Start = EntryIds.Argument("start", "-", "the first ID (-: the smallest)");

    private static readonly Argument<string> End = EntryIds.Argument("end", "+", "the last ID (+: the largest)");

    private static readonly Option<int?> Count = new("--count") { Description = "at most this many entries" };

    private static readonly Option<bool> Reverse = new("--reverse") { Description = "from END down to START (XREVRANGE)" };

    public static Command Create() =>
        new Command("range", "Print the entries between two IDs, inclusive")
        {
            Stream, Start, End, Count, Reverse,
        }.WithAction(RunAsync);

    private static async Task<int> RunAsync(CliContext context)
    {
        var stream = context.Get(Stream);
        var start = EntryIds.Parse(context.Get(Start), isEnd: false);
        var end = EntryIds.Parse(context.Get(End), isEnd: true);
        var messages = context.Get(Reverse)
            ? await context.Streams.ReverseRangeAsync(stream, end, start, context.Get(Count), context.Cancellation)
            : await context.Streams.RangeAsync(stream, start, end, context.Get(Count), context.Cancellation);
        using var printer = new EntryPrinter(context);
        printer.Print(messages);
        return ExitCodes.Success;
    }
}
