using System.CommandLine;
using OrleansStreams.Cli.Output;
using OrleansStreams.Client;

namespace OrleansStreams.Cli.Commands;

/// <summary><c>consume STREAM --group G</c>: reads new entries as a consumer of a group (XREADGROUP), prints and acknowledges them.</summary>
internal static class ConsumeCommand
{
    private static readonly Argument<string> Stream = new("stream") { Description = "the stream to read" };

    private static readonly Option<string> Group = new("--group", "-g") { Description = "the consumer group", Required = true };

    private static readonly Option<string> Consumer = new("--consumer", "-c")
    {
        Description = "the consumer's name in the group",
        DefaultValueFactory = _ => "ostreams",
    };

    private static readonly Option<long?> Count = OptionRules.Positive(new Option<long?>("--count") { Description = "stop after this many entries" });

    private static readonly Option<int> Block = OptionRules.InRange(new Option<int>("--block")
    {
        Description = "stop when no new entry came for this many milliseconds (0: wait until --count or Ctrl+C)",
    }, 0, int.MaxValue);

    private static readonly Option<int> Batch = OptionRules.Positive(new Option<int>("--batch")
    {
        Description = "entries per read (COUNT)",
        DefaultValueFactory = _ => 100,
    });

    private static readonly Option<bool> NoCreate = new("--no-create") { Description = "fail when the group is missing instead of creating it from 0 with MKSTREAM" };

    public static Command Create() =>
        new Command("consume", "Read entries as a consumer of a group, print and acknowledge them")
        {
            Stream, Group, Consumer, Count, Block, Batch, NoCreate,
        }.WithAction(RunAsync);

    private static async Task<int> RunAsync(CliContext context)
    {
        var (stream, group, consumer) = (context.Get(Stream), context.Get(Group), context.Get(Consumer));
        var count = context.Get(Count);
        var block = context.Get(Block);
        if (!context.Get(NoCreate))
        {
            await context.Streams.EnsureGroupAsync(stream, group, GroupPosition.Beginning, context.Cancellation);
        }
        long consumed = 0;
        using (var printer = new EntryPrinter(context))
        {
            while (count is null || consumed < count)
            {
                var want = (int)Math.Min(context.Get(Batch), (count ?? long.MaxValue) - consumed);
                var options = new ReadGroupOptions { Count = want, Block = block == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(block) };
                var batch = await context.Streams.ReadGroupAsync(stream, group, consumer, options, context.Cancellation);
                if (batch.Count == 0)
                {
                    break;
                }
                printer.Print(batch);
                await context.Streams.AcknowledgeAsync(stream, group, [.. batch.Select(m => m.Id)], CancellationToken.None);
                consumed += batch.Count;
            }
        }
        if (!context.Json)
        {
            await Console.Error.WriteLineAsync($"consumed and acknowledged {consumed} entries of {stream} as {group}/{consumer}");
        }
        return ExitCodes.Success;
    }
}
