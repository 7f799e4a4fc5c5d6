using System.Text;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// Channel and pattern subscriptions of this gateway's clients, and delivery of published messages
/// to them. PUBLISH goes through the cluster's <see cref="Grains.IPubSubGrain"/>, which calls every
/// silo's hub (<see cref="Deliver"/>), so subscribers on any silo receive it. Each subscriber has its
/// own ordered outbox (<see cref="SubscriberOutbox"/>): a slow reader delays nobody else, and one
/// that falls <see cref="SubscriberOutbox.DefaultLimitBytes"/> behind is disconnected, as Redis'
/// client-output-buffer-limit for pub/sub does.
/// </summary>
public sealed class PubSubHub(Func<ClientSession, Reply, Task> deliver, long outboxLimitBytes = SubscriberOutbox.DefaultLimitBytes) : Grains.IPubSubListener
{
    private readonly Dictionary<string, HashSet<ClientSession>> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ClientSession>> _patterns = new(StringComparer.Ordinal);
    private readonly Dictionary<ClientSession, SubscriberOutbox> _outboxes = [];
    private Task? _listening;
    private Grains.IPubSubListener? _reference;

    /// <summary>Registers (again) with the cluster's pub/sub grain, always under one observer reference.</summary>
    public Task Listen(IGrainFactory grains)
    {
        _reference ??= grains.CreateObjectReference<Grains.IPubSubListener>(this);
        return grains.GetGrain<Grains.IPubSubGrain>(0).Listen(_reference);
    }

    /// <summary>
    /// Registers this hub with the cluster's pub/sub grain once (renewals come from
    /// <see cref="ClusterRegistrations"/>); SUBSCRIBE awaits it so no subscriber exists before its hub listens.
    /// </summary>
    public Task EnsureListening(IGrainFactory grains)
    {
        if (_listening is { IsCompletedSuccessfully: true } done)
        {
            return done;
        }
        return _listening = Listen(grains);
    }

    public int ChannelCount
    {
        get
        {
            lock (_channels)
            {
                return _channels.Count;
            }
        }
    }

    public int PatternCount
    {
        get
        {
            lock (_channels)
            {
                return _patterns.Count;
            }
        }
    }

    public IReadOnlyList<string> Channels(string? pattern)
    {
        lock (_channels)
        {
            return _channels.Keys.Where(c => pattern is null || Keyspace.Glob.IsMatch(Encoding.Latin1.GetBytes(pattern), Encoding.Latin1.GetBytes(c), false)).ToList();
        }
    }

    public int Subscribers(string channel)
    {
        lock (_channels)
        {
            return _channels.TryGetValue(channel, out var s) ? s.Count : 0;
        }
    }

    public bool Subscribe(ClientSession session, string channel, bool pattern)
    {
        lock (_channels)
        {
            var map = pattern ? _patterns : _channels;
            if (!map.TryGetValue(channel, out var set))
            {
                map[channel] = set = [];
            }
            set.Add(session);
            if (!_outboxes.ContainsKey(session))
            {
                _outboxes[session] = new SubscriberOutbox(session, deliver, outboxLimitBytes);
            }
            return (pattern ? session.Patterns : session.Channels).Add(channel);
        }
    }

    public bool Unsubscribe(ClientSession session, string channel, bool pattern)
    {
        lock (_channels)
        {
            var map = pattern ? _patterns : _channels;
            if (map.TryGetValue(channel, out var set) && set.Remove(session) && set.Count == 0)
            {
                map.Remove(channel);
            }
            return (pattern ? session.Patterns : session.Channels).Remove(channel);
        }
    }

    /// <summary>The connection is closing: its subscriptions go, and its outbox stops.</summary>
    public void UnsubscribeAll(ClientSession session)
    {
        foreach (var c in session.Channels.ToList())
        {
            Unsubscribe(session, c, false);
        }
        foreach (var p in session.Patterns.ToList())
        {
            Unsubscribe(session, p, true);
        }
        lock (_channels)
        {
            if (_outboxes.Remove(session, out var outbox))
            {
                outbox.Complete();
            }
        }
    }

    /// <summary>
    /// Queues a message for this silo's subscribers of the channel and of matching patterns and
    /// returns how many there are, without waiting for any of them to read it.
    /// </summary>
    public Task<int> Deliver(byte[] channel, byte[] message)
    {
        var name = Encoding.Latin1.GetString(channel);
        var count = 0;
        lock (_channels)
        {
            if (_channels.TryGetValue(name, out var subs))
            {
                var push = Push(Reply.Bulk("message"), new BulkReply(channel), new BulkReply(message));
                foreach (var s in subs)
                {
                    Enqueue(s, push, channel.Length + message.Length);
                    count++;
                }
            }
            foreach (var (pattern, subscribers) in _patterns)
            {
                if (Keyspace.Glob.IsMatch(Encoding.Latin1.GetBytes(pattern), channel, false))
                {
                    var push = Push(Reply.Bulk("pmessage"), Reply.Bulk(Encoding.Latin1.GetBytes(pattern)), new BulkReply(channel), new BulkReply(message));
                    foreach (var s in subscribers)
                    {
                        Enqueue(s, push, pattern.Length + channel.Length + message.Length);
                        count++;
                    }
                }
            }
        }
        return Task.FromResult(count);
    }

    private void Enqueue(ClientSession session, Reply push, long bytes)
    {
        if (_outboxes.TryGetValue(session, out var outbox))
        {
            outbox.Post(push, bytes);
        }
    }

    public static Reply Push(params Reply[] items) => new ArrayReply(items) { IsPush = true };
}
