using System.Text;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// Channel and pattern subscriptions of this gateway's clients, and delivery of published messages
/// to them. PUBLISH goes through the cluster's <see cref="Grains.IPubSubGrain"/>, which calls every
/// silo's hub (<see cref="Deliver"/>), so subscribers on any silo receive it.
/// </summary>
public sealed class PubSubHub(Func<ClientSession, Reply, Task> deliver) : Grains.IPubSubListener
{
    private readonly Dictionary<string, HashSet<ClientSession>> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ClientSession>> _patterns = new(StringComparer.Ordinal);
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
    }

    /// <summary>Delivers a message to this silo's subscribers of the channel and of matching patterns; returns how many got it.</summary>
    public async Task<int> Deliver(byte[] channel, byte[] message)
    {
        var name = Encoding.Latin1.GetString(channel);
        List<(ClientSession Session, Reply Message)> targets = [];
        lock (_channels)
        {
            if (_channels.TryGetValue(name, out var subs))
            {
                var push = Push(Reply.Bulk("message"), new BulkReply(channel), new BulkReply(message));
                targets.AddRange(subs.Select(s => (s, push)));
            }
            foreach (var (pattern, subscribers) in _patterns)
            {
                if (Keyspace.Glob.IsMatch(Encoding.Latin1.GetBytes(pattern), channel, false))
                {
                    var push = Push(Reply.Bulk("pmessage"), Reply.Bulk(Encoding.Latin1.GetBytes(pattern)), new BulkReply(channel), new BulkReply(message));
                    targets.AddRange(subscribers.Select(s => (s, push)));
                }
            }
        }
        foreach (var (session, push) in targets)
        {
            await deliver(session, push);
        }
        return targets.Count;
    }

    public static Reply Push(params Reply[] items) => new ArrayReply(items) { IsPush = true };
}
