using Microsoft.AspNetCore.Connections;
using OrleansStreams.Replies;
using OrleansStreams.Resp.Server;

namespace OrleansStreams.Resp.UnitTests.Server;

public sealed class SubscriberOutboxTests
{
    [Fact]
    public async Task Messages_are_written_in_order_one_after_another()
    {
        using var session = new ClientSession(1, new DefaultConnectionContext(), authenticated: true);
        var written = new List<string>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outbox = new SubscriberOutbox(session, (_, m) =>
        {
            written.Add(System.Text.Encoding.UTF8.GetString(((BulkReply)m).Value));
            if (written.Count == 100)
            {
                all.SetResult();
            }
            return Task.CompletedTask;
        }, limitBytes: 1 << 20);

        for (var i = 0; i < 100; i++)
        {
            outbox.Post(Reply.Bulk(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), 10);
        }
        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), written);
    }

    [Fact]
    public async Task A_subscriber_that_falls_more_than_the_limit_behind_is_disconnected()
    {
        var connection = new DefaultConnectionContext();
        using var session = new ClientSession(1, connection, authenticated: true);
        var stalled = new TaskCompletionSource();
        var outbox = new SubscriberOutbox(session, (_, _) => stalled.Task, limitBytes: 100);

        outbox.Post(Reply.Bulk("a"), 60);
        Assert.False(connection.ConnectionClosed.IsCancellationRequested);
        outbox.Post(Reply.Bulk("b"), 60);

        await Task.Delay(Timeout.Infinite, connection.ConnectionClosed).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(connection.ConnectionClosed.IsCancellationRequested);
    }
}
