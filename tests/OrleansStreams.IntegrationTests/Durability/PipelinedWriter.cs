using System.Net.Sockets;
using System.Text;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Durability;

/// <summary>Sends pipelined XADDs on one connection until the connection breaks, recording every ID whose reply arrived.</summary>
public sealed class PipelinedWriter
{
    private const int Batch = 16;
    private readonly List<string> _acknowledged = [];
    private readonly List<string> _errors = [];

    public PipelinedWriter(string key, bool autoIds)
    {
        Key = key;
        AutoIds = autoIds;
    }

    public string Key { get; }

    public bool AutoIds { get; }

    public int AcknowledgedCount
    {
        get
        {
            lock (_acknowledged)
            {
                return _acknowledged.Count;
            }
        }
    }

    public IReadOnlyList<string> Acknowledged
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }
    }

    /// <summary>Error replies received before the kill: there should be none.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Writes until the server goes away; returns normally when the connection breaks.</summary>
    public async Task RunAsync(int port)
    {
        using var client = await RespClient.ConnectAsync(port);
        long next = 1;
        try
        {
            while (true)
            {
                using var frames = new MemoryStream();
                for (var i = 0; i < Batch; i++)
                {
                    var id = AutoIds ? "*" : $"{next + i}-1";
                    frames.Write(RespClient.Encode("XADD", Key, id, "n", (next + i).ToString(), "payload", "durable-entry"));
                }
                await client.SendRawAsync(frames.ToArray());
                for (var i = 0; i < Batch; i++)
                {
                    var reply = await client.ReadFrameAsync(TimeSpan.FromSeconds(30));
                    var value = RespValue.Parse(reply);
                    if (value.Type == '$' && value.Text is not null)
                    {
                        lock (_acknowledged)
                        {
                            _acknowledged.Add(value.Text);
                        }
                    }
                    else
                    {
                        _errors.Add(Encoding.UTF8.GetString(reply));
                    }
                }
                next += Batch;
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or SocketException or TimeoutException)
        {
            // The silo was killed: replies not received are not acknowledged.
        }
    }
}
