using OrleansStreams.Replies;
using OrleansStreams.Resp.Server;

namespace OrleansStreams.Resp.UnitTests.Server;

public sealed class GrainCallBatcherTests
{
    private static GrainCallBatcher.Request<byte[][], Reply> Request(int commands, int argBytes = 10) =>
        new([.. Enumerable.Range(0, commands).Select(_ => new[] { new byte[argBytes] })], (long)commands * argBytes);

    [Fact]
    public void Merged_batch_stops_before_the_request_that_would_pass_the_command_cap()
    {
        List<GrainCallBatcher.Request<byte[][], Reply>> pending = [Request(400), Request(400), Request(400), Request(1)];

        var first = GrainCallBatcher.TakeBatch(pending, maxCommands: 1024, maxBytes: long.MaxValue);
        var second = GrainCallBatcher.TakeBatch(pending, maxCommands: 1024, maxBytes: long.MaxValue);

        Assert.Equal(800, first.Sum(r => r.Count));
        Assert.Equal(401, second.Sum(r => r.Count));
        Assert.Empty(pending);
    }

    [Fact]
    public void Merged_batch_stops_before_the_request_that_would_pass_the_byte_cap()
    {
        List<GrainCallBatcher.Request<byte[][], Reply>> pending = [Request(1, 3000), Request(1, 3000), Request(1, 3000)];

        var first = GrainCallBatcher.TakeBatch(pending, maxCommands: 1024, maxBytes: 8000);

        Assert.Equal(2, first.Count);
        Assert.Single(pending);
    }

    [Fact]
    public void A_request_larger_than_the_caps_goes_alone_and_whole()
    {
        List<GrainCallBatcher.Request<byte[][], Reply>> pending = [Request(2000), Request(5)];

        var first = GrainCallBatcher.TakeBatch(pending, maxCommands: 1024, maxBytes: 100);

        Assert.Equal(2000, Assert.Single(first).Count);
        Assert.Equal(5, Assert.Single(pending).Count);
    }

    [Fact]
    public void Default_caps_keep_a_merged_call_far_below_the_orleans_message_limit()
    {
        Assert.True(GrainCallBatcher.MaxCommandsPerCall >= 512, "one client's full read batch must fit in one call");
        Assert.True(GrainCallBatcher.MaxBytesPerCall <= 100L * 1024 * 1024 / 10);
    }
}
