using Orleans.Runtime;
using Orleans.Streams;
using OrleansStreams.Client;
using OrleansStreams.Streaming;
using OrleansStreams.Streams;

namespace OrleansStreams.ClusterTests.Streaming;

public interface IExplicitSubscriberGrain : IGrainWithStringKey
{
    /// <summary>
    /// Subscribes to <paramref name="topic"/>/<paramref name="key"/>: from the entry <paramref name="from"/>
    /// (or the first one after it when <paramref name="after"/>), or from now on when null. A holding
    /// subscriber keeps its first entry until <see cref="SubscriberGate.Open"/>, so the cache keeps what follows.
    /// </summary>
    Task Subscribe(string topic, string key, StreamEntryId? from, bool after, bool hold);
}

/// <summary>Records what it receives under its own key.</summary>
public sealed class ExplicitSubscriberGrain : Grain, IExplicitSubscriberGrain
{
    public async Task Subscribe(string topic, string key, StreamEntryId? from, bool after, bool hold)
    {
        var stream = this.GetStreamProvider(StreamingClusterFixture.Provider).GetStream<StreamMessage>(StreamId.Create(topic, key));
        var token = from is { } id ? (after ? EntrySequenceToken.After(id) : new EntrySequenceToken(id)) : null;
        var recorder = this.GetPrimaryKeyString();
        async Task OnNext(StreamMessage message, StreamSequenceToken? t)
        {
            Deliveries.Record(recorder, message, t);
            if (hold)
            {
                await SubscriberGate.Opened;
            }
        }
        await (token is null ? stream.SubscribeAsync(OnNext) : stream.SubscribeAsync(OnNext, token));
    }
}

/// <summary>Holds holding subscribers (see <see cref="IExplicitSubscriberGrain.Subscribe"/>) until a test opens it.</summary>
public static class SubscriberGate
{
    private static readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Task Opened => Gate.Task;

    public static void Open() => Gate.TrySetResult();
}
