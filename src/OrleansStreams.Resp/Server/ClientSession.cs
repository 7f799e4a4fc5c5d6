using System.Diagnostics;
using Microsoft.AspNetCore.Connections;

namespace OrleansStreams.Resp.Server;

/// <summary>One client connection's state: database, protocol, auth, name, transaction and subscriptions.</summary>
public sealed class ClientSession(long id, ConnectionContext connection, bool authenticated) : IDisposable
{
    private readonly long _createdTicks = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _closing = new();

    public long Id { get; } = id;

    public ConnectionContext Connection { get; } = connection;

    /// <summary>The logical database (SELECT).</summary>
    public int Db { get; set; }

    /// <summary>2 or 3 (HELLO).</summary>
    public int Protocol { get; set; } = 2;

    public bool Authenticated { get; set; } = authenticated;

    public string? Name { get; set; }

    public string? LibName { get; set; }

    public string? LibVersion { get; set; }

    public string LastCommand { get; set; } = "NULL";

    public long LastInteractionTicks { get; set; } = Stopwatch.GetTimestamp();

    /// <summary>Commands queued after MULTI; null outside a transaction.</summary>
    public List<byte[][]>? Transaction { get; set; }

    /// <summary>A command queued in the transaction was rejected: EXEC answers EXECABORT.</summary>
    public bool TransactionFailed { get; set; }

    public HashSet<string> Channels { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Patterns { get; } = new(StringComparer.Ordinal);

    public int SubscriptionCount => Channels.Count + Patterns.Count;

    /// <summary>Set while a blocking command waits.</summary>
    public bool Blocked { get; set; }

    /// <summary>QUIT or CLIENT KILL: close after the pending replies are written.</summary>
    public bool CloseRequested { get; set; }

    /// <summary>
    /// Cancelled when the client goes away or the server asks the connection to close (host
    /// shutdown): a blocked command stops waiting, so Kestrel's drain does not wait for it.
    /// </summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>Ends every wait on <see cref="Closing"/>; the connection loop stops after the replies in progress.</summary>
    public void SignalClosing()
    {
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection already finished.
        }
    }

    /// <summary>Releases the closing signal once the connection loop has ended.</summary>
    public void Dispose() => _closing.Dispose();

    /// <summary>Serialises writes to the connection between the reply loop and pub/sub deliveries.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public TimeSpan Age => Stopwatch.GetElapsedTime(_createdTicks);

    public TimeSpan Idle => Stopwatch.GetElapsedTime(LastInteractionTicks);

    public string Address => Connection.RemoteEndPoint?.ToString() ?? "?";

    public string LocalAddress => Connection.LocalEndPoint?.ToString() ?? "?";
}
