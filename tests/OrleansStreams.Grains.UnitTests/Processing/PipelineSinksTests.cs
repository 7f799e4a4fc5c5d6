using OrleansStreams.Processing;

namespace OrleansStreams.Grains.UnitTests.Processing;

public sealed class PipelineSinksTests
{
    [Fact]
    public void Hash_sink_keeps_key_and_window_start_in_the_key_name_and_every_other_field_in_the_hash()
    {
        var item = new SinkItem("home", 1_700_000_000_000, [new("key", "home"), new("window_start", "1700000000000"), new("window_end", "1700000060000"), new("views", "3")]);

        Assert.Equal("pv:home:1700000000000", PipelineSinks.HashKey("pv", item));
        Assert.Equal([new("window_end", "1700000060000"), new("views", "3")], PipelineSinks.HashFields(item));
    }
}
