using OrleansStreams.Grains;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// The blocking part of XREAD and XREADGROUP: read; when nothing is there and the client asked to
/// block, register for wake-ups on the streams, read once more (an append may have landed in
/// between), then wait for an append, the timeout or the client's disconnect, and read again.
/// </summary>
public static class BlockingRead
{
    /// <param name="read">Reads once; <c>Done</c> when the reply is final (entries or an error). Its argument says whether the client has been blocked yet.</param>
    /// <param name="blockMs">null: do not block; 0: block forever.</param>
    public static async Task<Reply> RunAsync(CommandContext context, IReadOnlyList<string> streamKeys, long? blockMs, Func<bool, Task<(Reply Reply, bool Done)>> read)
    {
        var session = context.Session;
        var now = DateTime.UtcNow;
        // Redis takes any timeout up to LLONG_MAX; one beyond DateTime's range is forever.
        var deadline = blockMs is > 0 && blockMs.Value < (DateTime.MaxValue - now).TotalMilliseconds ? now.AddMilliseconds(blockMs.Value) : DateTime.MaxValue;
        var waited = false;
        while (true)
        {
            var (reply, done) = await read(waited);
            if (done || blockMs is null || session.Transaction is not null)
            {
                return reply;
            }
            if (waited && DateTime.UtcNow >= deadline)
            {
                return Reply.NullArray;
            }
            try
            {
                using var wait = await context.Services.Wakeups.RegisterAsync(streamKeys);
                // Registered: this read already answers as a woken one would.
                var (again, found) = await read(true);
                if (found)
                {
                    return again;
                }
                var remaining = deadline - DateTime.UtcNow;
                var slice = remaining < StreamWakeups.WatchRenewal ? remaining : StreamWakeups.WatchRenewal;
                if (slice > TimeSpan.Zero)
                {
                    // Blocked (INFO's blocked_clients) only while waiting, as a Redis client is only while no key is ready.
                    session.Blocked = true;
                    await StreamWakeups.WaitAsync(wait.Woken, slice, session.Closing);
                }
                waited = true;
                // The client left or the server is stopping: no reply, the connection closes.
                session.Closing.ThrowIfCancellationRequested();
            }
            finally
            {
                session.Blocked = false;
            }
        }
    }
}
