using System.CommandLine;
using OrleansStreams.Cli.Output;

namespace OrleansStreams.Cli.Commands;

/// <summary><c>info STREAM</c>: the stream's metadata (XINFO STREAM).</summary>
internal static class InfoCommand
{
    private static readonly Argument<string> Stream = new("stream") { Description = "the stream" };

    public static Command Create() =>
        new Command("info", "Show a stream's length, IDs, groups and first and last entries")
        {
            Stream,
        }.WithAction(RunAsync);

    private static async Task<int> RunAsync(CliContext context)
    {
        var stream = context.Get(Stream);
        Display.Show(context, Documents.Stream(stream, await context.Streams.InfoAsync(stream, context.Cancellation)), stream);
        return ExitCodes.Success;
    }
}
