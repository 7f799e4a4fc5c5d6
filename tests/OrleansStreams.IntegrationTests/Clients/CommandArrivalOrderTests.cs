using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Clients;

/// <summary>
/// Redis runs commands in the order they arrive, whichever connection they come on, and its own tests rely on it:
/// stream-cgroups.tcl sends a blocking read on one connection and, without waiting, DEL and XADD on another. Each
/// run uses a fresh silo, where the read's code runs for the first time and is slowest (issue 18, item 6).
/// </summary>
public sealed class CommandArrivalOrderTests
{
    private const int FreshSilos = 3;
    private static readonly TimeSpan ReplyDeadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Blocking_xread_sent_before_del_and_xadd_on_another_connection_resolves_dollar_first_as_in_redis()
    {
        var wrong = new List<string>();
        for (var run = 0; run < FreshSilos; run++)
        {
            await using var silo = await SiloProcess.StartAsync();
            using var client = await silo.ConnectAsync();

            // "Blocking XREADGROUP: key deleted", which comes first in the file and leaves the silo as Redis' run does. Only
            // that it answers is checked: on a fresh silo the group's read of the stream (a second grain hop) can still come
            // after DEL's, and it answers NOGROUP rather than Redis' UNBLOCKED (docs/decisions/0023-command-arrival-order.md).
            await client.CommandAsync("DEL", "mystream");
            await client.CommandAsync("XADD", "mystream", "666", "f", "v");
            await client.CommandAsync("XGROUP", "CREATE", "mystream", "mygroup", "$");
            using (var groupReader = await silo.ConnectAsync())
            {
                await groupReader.SendAsync("XREADGROUP", "GROUP", "mygroup", "Alice", "BLOCK", "0", "STREAMS", "mystream", ">");
                await client.CommandAsync("DEL", "mystream");
                var groupReply = await groupReader.ReadValueAsync(ReplyDeadline);
                if (!groupReply.IsError)
                {
                    wrong.Add($"run {run}: XREADGROUP answered {groupReply}");
                }
            }

            // "Blocking XREAD: key deleted": '$' is the 666 the read saw on arrival, so the 667 added after DEL is served.
            await client.CommandAsync("DEL", "mystream");
            await client.CommandAsync("XADD", "mystream", "666", "f", "v");
            using var reader = await silo.ConnectAsync();
            await reader.SendAsync("XREAD", "BLOCK", "0", "STREAMS", "mystream", "$");
            await client.CommandAsync("DEL", "mystream");
            await client.CommandAsync("XADD", "mystream", "667", "f", "v");
            try
            {
                var reply = await reader.ReadValueAsync(ReplyDeadline);
                if (reply.Items is not [{ Items: [_, { Items: [{ Items: [{ Text: "667-0" }, ..] }, ..] }] }])
                {
                    wrong.Add($"run {run}: XREAD answered {reply}");
                }
            }
            catch (TimeoutException)
            {
                wrong.Add($"run {run}: XREAD BLOCK 0 sent before DEL and XADD 667 still waited after {ReplyDeadline.TotalSeconds:0} s");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
