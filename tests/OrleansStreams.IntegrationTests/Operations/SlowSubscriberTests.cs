using System.Diagnostics;
using OrleansStreams.IntegrationTests.Clients;
using OrleansStreams.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Operations;

/// <summary>Issue #7 §5: one pub/sub subscriber that stops reading does not delay the publisher or the other subscribers.</summary>
[Collection(SharedSiloCollection.Name)]
public sealed class SlowSubscriberTests(SharedSiloFixture fixture, ITestOutputHelper output)
{
    private const int Messages = 3000;

    /// <summary>12 MB in all: far more than the stalled reader's socket and pipe buffers, less than its 32 MB outbox limit.</summary>
    private static readonly string Payload = new('p', 4096);

    [Fact]
    public async Task A_subscriber_that_never_reads_delays_neither_the_publisher_nor_a_reading_subscriber()
    {
        var channel = "slow-" + Guid.NewGuid().ToString("N");
        using var stalled = await fixture.Silo.ConnectAsync();
        using var reader = await fixture.Silo.ConnectAsync();
        using var publisher = await fixture.Silo.ConnectAsync();
        Assert.Equal("subscribe", (await stalled.ValueAsync("SUBSCRIBE", channel)).Items[0].Text);
        Assert.Equal("subscribe", (await reader.ValueAsync("SUBSCRIBE", channel)).Items[0].Text);

        var clock = Stopwatch.StartNew();
        var received = Task.Run(async () =>
        {
            for (var i = 0; i < Messages; i++)
            {
                var message = await reader.ReadValueAsync(TimeSpan.FromSeconds(20));
                Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Items[2].Text![..message.Items[2].Text!.IndexOf(':', StringComparison.Ordinal)]);
            }
        });
        for (var sent = 0; sent < Messages; sent += 100)
        {
            using var frames = new MemoryStream();
            for (var i = sent; i < sent + 100; i++)
            {
                frames.Write(RespClient.Encode("PUBLISH", channel, $"{i}:{Payload}"));
            }
            await publisher.SendRawAsync(frames.ToArray());
            for (var i = 0; i < 100; i++)
            {
                // Each PUBLISH counts both subscribers, and its reply does not wait for the stalled one.
                Assert.Equal(2, (await publisher.ReadValueAsync(TimeSpan.FromSeconds(20))).Integer);
            }
        }
        await received;
        output.WriteLine($"{Messages} messages of 4 KB published and read by the other subscriber in {clock.Elapsed.TotalSeconds:0.00} s while one subscriber read nothing");

        // The stalled subscriber gets its messages in order once it reads.
        Assert.StartsWith("0:", (await stalled.ReadValueAsync()).Items[2].Text);
        Assert.StartsWith("1:", (await stalled.ReadValueAsync()).Items[2].Text);
    }
}
