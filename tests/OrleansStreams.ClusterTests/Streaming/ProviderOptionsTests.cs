using OrleansStreams.Client;
using OrleansStreams.Streaming;

namespace OrleansStreams.ClusterTests.Streaming;

public sealed class ProviderOptionsTests
{
    private static OrleansStreamsProviderOptions Valid()
    {
        var options = new OrleansStreamsProviderOptions();
        options.Topics.Add("orders");
        options.Partitions["orders"] = 4;
        return options;
    }

    [Fact]
    public void Valid_options_pass() => Valid().Validate("p");

    public static TheoryData<string, Action<OrleansStreamsProviderOptions>> Broken => new()
    {
        { "Topics is empty", o => o.Topics.Clear() },
        { "listed twice", o => o.Topics.Add("orders") },
        { "not in Topics", o => o.Partitions["other"] = 2 },
        { "at least 1", o => o.Partitions["orders"] = 0 },
        { "KeyField is empty", o => o.KeyField = "" },
        { "Database", o => o.Database = 16 },
        { "CacheSize", o => o.CacheSize = 0 },
        { "BatchSize", o => o.BatchSize = 0 },
        { "PollInterval", o => o.PollInterval = TimeSpan.Zero },
        { "JsonFieldName", o => (o.EntryFormat, o.JsonFieldName) = (EntryFormat.JsonField, "") },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_options_are_refused_naming_the_provider_and_the_setting(string expected, Action<OrleansStreamsProviderOptions> breakIt)
    {
        var options = Valid();
        breakIt(options);
        var error = Assert.Throws<ArgumentException>(() => options.Validate("p"));
        Assert.StartsWith("Stream provider 'p': ", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
