using System.Globalization;
using System.Net.Sockets;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Durability;

/// <summary>
/// Writers (one per stream) and a consumer-group reader that follow whichever silos are alive while they
/// are killed and restarted: each switches to the next live silo when its connection breaks or a reply does
/// not come, and records what the server acknowledged, so a chaos test can check it all afterwards. Each
/// writer has one XADD in flight, so each XADD is one journal record of its stream, as with a plain client.
/// </summary>
public sealed class ChaosWorkload(IReadOnlyList<string> keys, string group, Func<IReadOnlyList<int>> livePorts)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Reconnect = TimeSpan.FromMilliseconds(20);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, string>> _acknowledged = keys.ToDictionary(k => k, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
    private readonly HashSet<string> _delivered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _acked = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];
    private long _nextToken;
    private int _redelivered;

    /// <summary>The stream the consumer group reads: the first key.</summary>
    public string GroupKey => keys[0];

    /// <summary>Per stream, the IDs whose XADD reply arrived, with the token the entry carries.</summary>
    public IReadOnlyDictionary<string, string> AcknowledgedIn(string key)
    {
        lock (_lock)
        {
            return new Dictionary<string, string>(_acknowledged[key], StringComparer.Ordinal);
        }
    }

    /// <summary>The fewest XADDs acknowledged in any one stream.</summary>
    public int AcknowledgedCount
    {
        get
        {
            lock (_lock)
            {
                return _acknowledged.Values.Min(a => a.Count);
            }
        }
    }

    /// <summary>IDs that XREADGROUP delivered and an XACK reply then confirmed.</summary>
    public IReadOnlySet<string> Acked
    {
        get
        {
            lock (_lock)
            {
                return new HashSet<string>(_acked, StringComparer.Ordinal);
            }
        }
    }

    public int AckedCount
    {
        get
        {
            lock (_lock)
            {
                return _acked.Count;
            }
        }
    }

    /// <summary>IDs XREADGROUP delivered (with '&gt;').</summary>
    public IReadOnlySet<string> Delivered
    {
        get
        {
            lock (_lock)
            {
                return new HashSet<string>(_delivered, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>New-entry deliveries ('&gt;') of an ID delivered before: allowed (at least once), counted for the report.</summary>
    public int Redelivered => Volatile.Read(ref _redelivered);

    /// <summary>Error replies (a failing-over activation answers "retry"): allowed, counted for the report.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Runs a writer per stream and the consumer until <paramref name="stop"/>.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll([.. keys.Select(k => Task.Run(() => WriteAsync(k, stop), CancellationToken.None)), Task.Run(() => ConsumeAsync(stop), CancellationToken.None)]);

    /// <summary>XADDs with a unique token each, one at a time.</summary>
    private Task WriteAsync(string key, CancellationToken stop) => FollowLiveSilosAsync(async client =>
    {
        var token = "t" + Interlocked.Increment(ref _nextToken).ToString(CultureInfo.InvariantCulture);
        await client.SendAsync("XADD", key, "*", "token", token);
        var reply = await client.ReadValueAsync(ReplyTimeout);
        lock (_lock)
        {
            if (reply.Type == '$' && reply.Text is { } id)
            {
                _acknowledged[key].Add(id, token);
            }
            else
            {
                Error("XADD", reply);
            }
        }
    }, stop);

    /// <summary>XREADGROUP '&gt;' and XACK of what it delivered.</summary>
    private Task ConsumeAsync(CancellationToken stop) => FollowLiveSilosAsync(async client =>
    {
        var reply = RespValue.Parse(await client.CommandAsync("XREADGROUP", "GROUP", group, "c1", "COUNT", "200", "BLOCK", "100", "STREAMS", GroupKey, ">"));
        if (reply.IsError)
        {
            lock (_lock)
            {
                Error("XREADGROUP", reply);
            }
            return;
        }
        var ids = reply.Items.Count == 0 ? [] : reply.Items[0].Items[1].Items.Select(e => e.Items[0].Text!).ToList();
        if (ids.Count == 0)
        {
            return;
        }
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (!_delivered.Add(id))
                {
                    _redelivered++;
                }
            }
        }
        var acked = RespValue.Parse(await client.CommandAsync(["XACK", GroupKey, group, .. ids]));
        lock (_lock)
        {
            if (acked.Type == ':' && acked.Integer == ids.Count)
            {
                _acked.UnionWith(ids);
            }
            else
            {
                Error($"XACK of {ids.Count}", acked);
            }
        }
    }, stop);

    /// <summary>Keeps the first line of an error reply (Orleans' texts carry stack traces); call under the lock.</summary>
    private void Error(string command, RespValue reply)
    {
        var text = reply.ToString();
        _errors.Add($"{command}: {text[..Math.Min(text.Length, 160)]}");
    }

    /// <summary>Runs <paramref name="step"/> on a connection to a live silo; on a broken connection or a missing reply, moves to the next one.</summary>
    private async Task FollowLiveSilosAsync(Func<RespClient, Task> step, CancellationToken stop)
    {
        var next = 0;
        while (!stop.IsCancellationRequested)
        {
            var ports = livePorts();
            if (ports.Count == 0)
            {
                await Task.Delay(Reconnect, CancellationToken.None);
                continue;
            }
            var port = ports[next++ % ports.Count];
            try
            {
                using var client = await RespClient.ConnectAsync(port, TimeSpan.FromSeconds(2));
                while (!stop.IsCancellationRequested)
                {
                    await step(client);
                }
            }
            catch (Exception e) when (e is EndOfStreamException or IOException or SocketException or TimeoutException or OperationCanceledException)
            {
                // The silo went away (or is reloading): what was not answered is not acknowledged; try the next live one.
                await Task.Delay(Reconnect, CancellationToken.None);
            }
        }
    }
}
