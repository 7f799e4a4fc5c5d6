using Orleans.Streams;
using Orleans.Streams.Core;
using OrleansStreams.Client;

namespace OrleansStreams.ClusterTests.Streaming;

public interface IImplicitRecorderGrain : IGrainWithStringKey
{
    /// <summary>How many entries this activation received.</summary>
    Task<int> Count();
}

/// <summary>Subscribed implicitly to the entries of its key in the click and restart topics; records each as <c>{topic}/{key}</c>.</summary>
[ImplicitStreamSubscription(StreamingClusterFixture.Clicks)]
[ImplicitStreamSubscription(StreamingClusterFixture.Restart)]
public sealed class ImplicitRecorderGrain : Grain, IImplicitRecorderGrain, IStreamSubscriptionObserver
{
    private int _count;

    public Task<int> Count() => Task.FromResult(_count);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var recorder = $"{handleFactory.StreamId.GetNamespace()}/{handleFactory.StreamId.GetKeyAsString()}";
        await handleFactory.Create<StreamMessage>().ResumeAsync((message, token) =>
        {
            _count++;
            Deliveries.Record(recorder, message, token);
            return Task.CompletedTask;
        });
    }
}

public interface IOrderRecorderGrain : IGrainWithStringKey
{
    Task<int> Count();
}

/// <summary>An order, written and read as fields.</summary>
[GenerateSerializer, Immutable, Alias("tests.order")]
public sealed record Order([property: Id(0)] string User, [property: Id(1)] int Qty, [property: Id(2)] decimal Price);

/// <summary>Subscribed implicitly to the typed topic as <see cref="Order"/>s; records each as <c>typed/{key}</c>.</summary>
[ImplicitStreamSubscription(StreamingClusterFixture.Typed)]
public sealed class OrderRecorderGrain : Grain, IOrderRecorderGrain, IStreamSubscriptionObserver
{
    private int _count;

    public Task<int> Count() => Task.FromResult(_count);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<Order>().ResumeAsync((order, token) =>
        {
            _count++;
            Deliveries.Record($"{StreamingClusterFixture.Typed}/{this.GetPrimaryKeyString()}", order, token);
            return Task.CompletedTask;
        });
}
