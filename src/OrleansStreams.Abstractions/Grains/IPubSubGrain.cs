namespace OrleansStreams.Grains;

/// <summary>Cluster-wide pub/sub fan-out (key 0): every gateway listens, PUBLISH reaches all of them.</summary>
[Alias("os.IPubSubGrain")]
public interface IPubSubGrain : IGrainWithIntegerKey
{
    /// <summary>Delivers the message through every listening gateway; returns how many clients received it.</summary>
    [Alias("Publish")]
    Task<int> Publish(byte[] channel, byte[] message);

    [Alias("Listen")]
    Task Listen(IPubSubListener listener);
}

/// <summary>A gateway's pub/sub subscribers.</summary>
[Alias("os.IPubSubListener")]
public interface IPubSubListener : IGrainObserver
{
    [Alias("Deliver")]
    Task<int> Deliver(byte[] channel, byte[] message);
}
