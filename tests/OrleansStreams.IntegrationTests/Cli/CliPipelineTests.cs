using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Cli;

/// <summary><c>ostreams pipeline</c> create, list, info, pause, resume and drop against a silo process.</summary>
[Collection(CliSiloCollection.Name)]
public sealed class CliPipelineTests(CliSiloFixture fixture)
{
    private const string Definition = """
        {"source":{"stream":"cli:clicks","eventTime":"ts"},
         "watermark":{"type":"bounded","maxOutOfOrderMs":1000},
         "steps":[{"keyBy":"page"},{"window":{"type":"tumbling","sizeMs":60000}},{"aggregate":[{"op":"count","as":"views"}]}],
         "sink":{"stream":"cli:views"}}
        """;

    [Fact]
    public async Task Pipeline_create_list_info_pause_resume_drop_round_trip()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ostreams-pipeline-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, Definition);
        try
        {
            await CliStreamTests.Succeeds(fixture.Ostreams("pipeline", "create", "cli-views", file));
            var again = await fixture.Ostreams("pipeline", "create", "cli-views", file);
            Assert.True(again.ExitCode == 1, again.ToString());
            Assert.Contains("ERR", again.Stderr);

            var list = (await CliStreamTests.Succeeds(fixture.Ostreams("pipeline", "list", "--json"))).Json();
            Assert.Contains("cli-views", list.EnumerateArray().Select(e => e.GetString()));

            var info = (await CliStreamTests.Succeeds(fixture.Ostreams("pipeline", "info", "cli-views", "--json"))).Json();
            Assert.Equal("running", info.GetProperty("state").GetString());
            Assert.Equal("cli:clicks", Assert.Single(info.GetProperty("sources").EnumerateArray()).GetString());
            Assert.Equal("cli:views", info.GetProperty("definition").GetProperty("sink").GetProperty("stream").GetString());

            await CliStreamTests.Succeeds(fixture.Ostreams("pipeline", "pause", "cli-views"));
            var paused = (await CliStreamTests.Succeeds(fixture.Ostreams("pipeline", "info", "cli-views", "--json"))).Json();
            Assert.Equal("paused", paused.GetProperty("state").GetString());
            await CliStreamTests.Succeeds(fixture.Ostreams("pipeline", "resume", "cli-views"));

            await CliStreamTests.Succeeds(fixture.Ostreams("pipeline", "drop", "cli-views"));
            var after = (await CliStreamTests.Succeeds(fixture.Ostreams("pipeline", "list", "--json"))).Json();
            Assert.DoesNotContain("cli-views", after.EnumerateArray().Select(e => e.GetString()));
            var gone = await fixture.Ostreams("pipeline", "info", "cli-views");
            Assert.True(gone.ExitCode == 1, gone.ToString());
            Assert.Contains("ERR no such pipeline 'cli-views'", gone.Stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_invalid_definition_exits_1_with_the_fault()
    {
        var result = await fixture.OstreamsWithInput("""{"source":{}}""", "pipeline", "create", "cli-bad", "-");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("ERR invalid pipeline definition", result.Stderr);
    }
}
