using OrleansStreams.Grains;

namespace OrleansStreams.Grains.UnitTests.Processing;

public sealed class PipelineKeysTests
{
    [Theory]
    [InlineData("p", "0/0/s")]
    [InlineData("a|b", "0/0/x|y")]
    [InlineData("3:x|", "0/0/|")]
    [InlineData("", "0/0/")]
    [InlineData("é|ü", "0/0/\u00ff|\u0001")]
    public void Reader_and_key_group_keys_round_trip_whatever_the_names_hold(string pipeline, string streamKey)
    {
        Assert.Equal((17L, pipeline, streamKey), PipelineKeys.ParseReader(PipelineKeys.Reader(pipeline, 17, streamKey)));
        Assert.Equal((17L, 5, pipeline), PipelineKeys.ParseKeyGroup(PipelineKeys.KeyGroup(pipeline, 17, 5)));
    }
}
