using System.CommandLine;
using System.Text.Json.Nodes;
using OrleansStreams.Cli.Output;

namespace OrleansStreams.Cli.Commands;

/// <summary><c>groups STREAM</c>: the stream's consumer groups (XINFO GROUPS).</summary>
internal static class GroupsCommand
{
    private static readonly Argument<string> Stream = new("stream") { Description = "the stream" };

    public static Command Create() =>
        new Command("groups", "Show a stream's consumer groups: consumers, pending entries, last delivered ID, lag, dead-letter policy")
        {
            Stream,
        }.WithAction(RunAsync);

    private static async Task<int> RunAsync(CliContext context)
    {
        var stream = context.Get(Stream);
        var groups = await context.Streams.GroupsAsync(stream, context.Cancellation);
        Display.Show(context, new JsonArray([.. groups.Select(Documents.Group)]), $"groups of {stream}");
        return ExitCodes.Success;
    }
}
