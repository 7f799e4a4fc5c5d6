using System.Text;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Operations;

/// <summary>
/// Pipelined XADDs round-robin over several streams through one silo until stopped. Records every
/// acknowledged ID and every error reply; a command that gets no reply at all fails the run
/// (<see cref="RunAsync"/> throws), since a failover may answer with an error but never stay silent.
/// </summary>
public sealed class FailoverWriter(IReadOnlyList<string> keys)
{
    private const int Rounds = 4;
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(40);

    private readonly Dictionary<string, List<string>> _acknowledged = keys.ToDictionary(k => k, _ => new List<string>());
    private readonly List<string> _errors = [];
    private long _count;

    public long AcknowledgedCount => Interlocked.Read(ref _count);

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public IReadOnlyList<string> AcknowledgedFor(string key)
    {
        lock (_acknowledged)
        {
            return [.. _acknowledged[key]];
        }
    }

    public async Task RunAsync(int port, CancellationToken stop)
    {
        using var client = await RespClient.ConnectAsync(port);
        long n = 0;
        while (!stop.IsCancellationRequested)
        {
            using var frames = new MemoryStream();
            var sent = new List<string>();
            for (var r = 0; r < Rounds; r++)
            {
                foreach (var key in keys)
                {
                    frames.Write(RespClient.Encode("XADD", key, "*", "n", (++n).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    sent.Add(key);
                }
            }
            await client.SendRawAsync(frames.ToArray());
            foreach (var key in sent)
            {
                var reply = await client.ReadFrameAsync(ReplyTimeout);
                var value = RespValue.Parse(reply);
                if (value.Type == '$' && value.Text is not null)
                {
                    lock (_acknowledged)
                    {
                        _acknowledged[key].Add(value.Text);
                    }
                    Interlocked.Increment(ref _count);
                }
                else
                {
                    lock (_errors)
                    {
                        _errors.Add(Encoding.UTF8.GetString(reply).TrimEnd());
                    }
                }
            }
        }
    }
}
