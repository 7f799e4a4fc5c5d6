using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace OrleansStreams.Resp.Server;

/// <summary>The gateway's connected clients: ids, CLIENT LIST / KILL, and the client counts of INFO.</summary>
public sealed class ClientRegistry
{
    private readonly ConcurrentDictionary<long, ClientSession> _clients = new();
    private long _nextId;

    public int Count => _clients.Count;

    public int BlockedCount => _clients.Values.Count(c => c.Blocked);

    public long TotalConnections { get; private set; }

    public long RejectedConnections { get; private set; }

    public IEnumerable<ClientSession> All => _clients.Values.OrderBy(c => c.Id);

    public ClientSession? Open(ConnectionContext connection, bool authenticated, int maxClients)
    {
        if (_clients.Count >= maxClients)
        {
            RejectedConnections++;
            return null;
        }
        var session = new ClientSession(Interlocked.Increment(ref _nextId), connection, authenticated);
        _clients[session.Id] = session;
        TotalConnections++;
        return session;
    }

    public void Close(ClientSession session) => _clients.TryRemove(session.Id, out _);

    public ClientSession? Find(long id) => _clients.GetValueOrDefault(id);
}
