using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// One subscriber's pending pub/sub messages, written to its connection in order by their own loop,
/// so publishing never waits for this subscriber to read. A subscriber more than the limit behind is
/// disconnected (Redis: client-output-buffer-limit pubsub 32mb), so a stalled reader cannot make
/// the gateway hold messages without bound.
/// </summary>
public sealed class SubscriberOutbox
{
    /// <summary>Redis' default hard limit for pub/sub clients.</summary>
    public const long DefaultLimitBytes = 32L * 1024 * 1024;

    private readonly Channel<(Reply Message, long Bytes)> _queue = Channel.CreateUnbounded<(Reply, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ClientSession _session;
    private readonly Func<ClientSession, Reply, Task> _deliver;
    private readonly long _limitBytes;
    private long _pendingBytes;

    public SubscriberOutbox(ClientSession session, Func<ClientSession, Reply, Task> deliver, long limitBytes)
    {
        _session = session;
        _deliver = deliver;
        _limitBytes = limitBytes;
        _ = Task.Run(PumpAsync);
    }

    /// <summary>Bytes of messages queued and not yet written.</summary>
    public long PendingBytes => Interlocked.Read(ref _pendingBytes);

    public void Post(Reply message, long bytes)
    {
        if (Interlocked.Add(ref _pendingBytes, bytes) > _limitBytes)
        {
            Complete();
            _session.Connection.Abort(new ConnectionAbortedException("pub/sub output buffer limit reached"));
            return;
        }
        _queue.Writer.TryWrite((message, bytes));
    }

    public void Complete() => _queue.Writer.TryComplete();

    private async Task PumpAsync()
    {
        await foreach (var (message, bytes) in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await _deliver(_session, message);
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or ConnectionAbortedException or OperationCanceledException)
            {
                // The connection closed under the delivery; the handler drops its subscriptions.
                return;
            }
            Interlocked.Add(ref _pendingBytes, -bytes);
        }
    }
}
