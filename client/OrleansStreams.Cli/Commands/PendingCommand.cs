using System.CommandLine;
using System.Text.Json.Nodes;
using OrleansStreams.Cli.Output;
using OrleansStreams.Client;
using Spectre.Console;

namespace OrleansStreams.Cli.Commands;

/// <summary><c>pending STREAM GROUP</c>: the group's pending entries (XPENDING, both forms).</summary>
internal static class PendingCommand
{
    private static readonly Argument<string> Stream = new("stream") { Description = "the stream" };

    private static readonly Argument<string> Group = new("group") { Description = "the consumer group" };

    private static readonly Option<int> Count = OptionRules.InRange(new Option<int>("--count")
    {
        Description = "list at most this many pending entries (0: the summary only)",
        DefaultValueFactory = _ => 20,
    }, 0, int.MaxValue);

    private static readonly Option<string?> Consumer = new("--consumer") { Description = "only this consumer's entries" };

    public static Command Create() =>
        new Command("pending", "Show a group's pending entries: how many, per consumer, and the oldest ones with idle times and delivery counts")
        {
            Stream, Group, Count, Consumer,
        }.WithAction(RunAsync);

    private static async Task<int> RunAsync(CliContext context)
    {
        var (stream, group) = (context.Get(Stream), context.Get(Group));
        var summary = await context.Streams.PendingAsync(stream, group, context.Cancellation);
        var count = context.Get(Count);
        var entries = count == 0 || summary.Count == 0
            ? []
            : await context.Streams.PendingMessagesAsync(stream, group, new PendingQuery { Count = count, Consumer = context.Get(Consumer) }, context.Cancellation);
        var document = new JsonObject
        {
            ["stream"] = stream,
            ["group"] = group,
            ["count"] = summary.Count,
            ["minId"] = summary.MinId?.ToString(),
            ["maxId"] = summary.MaxId?.ToString(),
            ["consumers"] = new JsonObject([.. summary.PerConsumer.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))]),
        };
        var rows = new JsonArray([.. entries.Select(e => new JsonObject
        {
            ["id"] = e.Id.ToString(),
            ["consumer"] = e.Consumer,
            ["idleMs"] = (long)e.Idle.TotalMilliseconds,
            ["deliveries"] = e.DeliveryCount,
        })]);
        if (context.Json)
        {
            document["entries"] = rows;
            JsonOutput.Write(document);
            return ExitCodes.Success;
        }
        AnsiConsole.Write(Display.KeyValues(document, $"pending in {group}"));
        if (rows.Count > 0)
        {
            AnsiConsole.Write(Display.Rows(rows));
        }
        return ExitCodes.Success;
    }
}
