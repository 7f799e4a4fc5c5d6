using OrleansStreams.Grains;

namespace OrleansStreams.Server;

/// <summary>
/// Fans PUBLISH out to every gateway in the cluster. Listeners re-register periodically, so a
/// restarted grain (it holds no durable state: pub/sub is fire-and-forget in Redis too) fills up again.
/// </summary>
[Reentrant]
public sealed class PubSubGrain : Grain, IPubSubGrain
{
    private readonly HashSet<IPubSubListener> _listeners = [];

    public async Task<int> Publish(byte[] channel, byte[] message)
    {
        var listeners = _listeners.ToList();
        var deliveries = listeners.Select(async l =>
        {
            try
            {
                return await l.Deliver(channel, message);
            }
            catch (Exception)
            {
                // A gateway that went away; it registers again if it comes back.
                _listeners.Remove(l);
                return 0;
            }
        });
        return (await Task.WhenAll(deliveries)).Sum();
    }

    public Task Listen(IPubSubListener listener)
    {
        _listeners.Add(listener);
        return Task.CompletedTask;
    }
}
