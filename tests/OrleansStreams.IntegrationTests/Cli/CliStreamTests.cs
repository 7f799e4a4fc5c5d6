using System.Globalization;
using System.Text.Json;
using OrleansStreams.Client;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Cli;

/// <summary>ostreams as a process against a silo process: producing, consuming, reading and inspecting streams.</summary>
[Collection(CliSiloCollection.Name)]
public sealed class CliStreamTests(CliSiloFixture fixture)
{
    [Fact]
    public async Task Produce_1000_then_consume_1000_with_a_group_leaves_nothing_pending()
    {
        var produced = await Succeeds(fixture.Ostreams("produce", "cli:load", "--count", "1000", "--json"));
        Assert.Equal(1000, produced.Json().GetProperty("entries").GetInt64());

        var consumed = (await Succeeds(fixture.Ostreams("consume", "cli:load", "--group", "g", "--consumer", "c1", "--count", "1000", "--json"))).Json();
        Assert.Equal(1000, consumed.GetArrayLength());
        Assert.Equal(1000, consumed.EnumerateArray().Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(["0", "999"], [consumed[0].GetProperty("fields").GetProperty("seq").GetString()!, consumed[999].GetProperty("fields").GetProperty("seq").GetString()!]);

        var pending = (await Succeeds(fixture.Ostreams("pending", "cli:load", "g", "--json"))).Json();
        Assert.Equal(0, pending.GetProperty("count").GetInt64());
        var info = (await Succeeds(fixture.Ostreams("info", "cli:load", "--json"))).Json();
        Assert.Equal(1000, info.GetProperty("length").GetInt64());
        var group = Assert.Single((await Succeeds(fixture.Ostreams("groups", "cli:load", "--json"))).Json().EnumerateArray());
        Assert.Equal(("g", 0, 0), (group.GetProperty("name").GetString(), group.GetProperty("pending").GetInt64(), group.GetProperty("lag").GetInt64()));
    }

    [Fact]
    public async Task Produce_from_stdin_takes_json_and_field_value_lines_and_range_and_tail_return_their_fields()
    {
        const string input = """
            {"user":"ann","amount":12,"tags":["a","b"]}
            user=bob note="two words" url=a=b

            user=cy
            """;
        var produced = await Succeeds(fixture.OstreamsWithInput(input, "produce", "cli:stdin"));
        Assert.Contains("produced 3 entries to cli:stdin", produced.Stdout);

        var entries = (await Succeeds(fixture.Ostreams("range", "cli:stdin", "--json"))).Json().EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);
        Assert.Equal(new Dictionary<string, string> { ["user"] = "ann", ["amount"] = "12", ["tags"] = """["a","b"]""" }, Fields(entries[0]));
        Assert.Equal(new Dictionary<string, string> { ["user"] = "bob", ["note"] = "two words", ["url"] = "a=b" }, Fields(entries[1]));
        Assert.Equal(new Dictionary<string, string> { ["user"] = "cy" }, Fields(entries[2]));

        // START and END bound the range; --count limits it; the text form quotes what needs it.
        var second = entries[1].GetProperty("id").GetString()!;
        var fromSecond = (await Succeeds(fixture.Ostreams("range", "cli:stdin", second, "+", "--count", "1", "--json"))).Json();
        Assert.Equal(second, Assert.Single(fromSecond.EnumerateArray()).GetProperty("id").GetString());
        var text = await Succeeds(fixture.Ostreams("range", "cli:stdin", second, second));
        Assert.Equal($"{second} user=bob note=\"two words\" url=\"a=b\"", text.Stdout.Trim());

        // tail from 0 prints what is there and stops at --count.
        var tailed = (await Succeeds(fixture.Ostreams("tail", "cli:stdin", "--from", "0", "--count", "3", "--json"))).Json();
        Assert.Equal(["ann", "bob", "cy"], tailed.EnumerateArray().Select(e => e.GetProperty("fields").GetProperty("user").GetString()!));
    }

    [Fact]
    public async Task Tail_prints_entries_added_after_it_started_until_ctrl_c_then_exits_130_with_a_closed_json_array()
    {
        await using var tail = RunningProgram.Start(CliProcess.CliDll, ["--gateway-port", fixture.GatewayPort.ToString(CultureInfo.InvariantCulture), "tail", "cli:sigint", "--json"]);
        await tail.CloseInputAsync();

        // tail starts at '$' once it is connected: keep adding until it prints one.
        await Poll.UntilAsync(async () =>
        {
            await fixture.Streams.AddAsync("cli:sigint", [new("n", "1")]);
            return tail.Stdout.Contains("\"n\":\"1\"", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "tail to print an added entry");
        await tail.InterruptAsync();
        var result = await tail.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.All(result.Json().EnumerateArray(), e => Assert.Equal("1", e.GetProperty("fields").GetProperty("n").GetString()));
    }

    [Fact]
    public async Task Info_and_groups_of_a_missing_stream_exit_1_with_the_redis_error()
    {
        foreach (var verb in new[] { "info", "groups" })
        {
            var result = await fixture.Ostreams(verb, "cli:missing");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("ERR no such key", result.Stderr);
        }
        var pending = await fixture.Ostreams("pending", "cli:missing", "nogroup");
        Assert.True(pending.ExitCode == 1, pending.ToString());
        Assert.Contains("NOGROUP", pending.Stderr);
    }

    [Fact]
    public async Task Consume_with_no_create_on_a_missing_group_exits_1_with_nogroup()
    {
        await fixture.Streams.AddAsync("cli:nocreate", [new("a", "1")]);

        var result = await fixture.Ostreams("consume", "cli:nocreate", "--group", "absent", "--no-create", "--count", "1");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("NOGROUP", result.Stderr);
    }

    [Fact]
    public async Task Top_with_one_iteration_lists_the_stream_with_its_length_and_group()
    {
        await fixture.Streams.AddBatchAsync("cli:top", [[new("a", "1")], [new("a", "2")]]);
        await fixture.Streams.CreateGroupAsync("cli:top", "watchers", GroupPosition.Beginning);
        await fixture.Streams.ReadGroupAsync("cli:top", "watchers", "c1", new ReadGroupOptions { Count = 1 });

        var top = (await Succeeds(fixture.Ostreams("top", "--iterations", "1", "--json"))).Json();

        var stream = top.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "cli:top");
        Assert.Equal(2, stream.GetProperty("length").GetInt64());
        var group = Assert.Single(stream.GetProperty("groups").EnumerateArray());
        Assert.Equal(("watchers", 1), (group.GetProperty("name").GetString(), group.GetProperty("lag").GetInt64()));
    }

    [Fact]
    public async Task Bench_produces_and_consumes_every_entry_and_reports_latencies()
    {
        var bench = (await Succeeds(fixture.Ostreams("bench", "--count", "600", "--producers", "2", "--consumers", "2", "--batch", "50", "--json"))).Json();

        Assert.Equal(600, bench.GetProperty("consumed").GetInt64());
        var latency = bench.GetProperty("endToEndLatencyMs");
        Assert.Equal(600, latency.GetProperty("samples").GetInt64());
        Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p99").GetDouble());
        Assert.True(latency.GetProperty("p99").GetDouble() <= latency.GetProperty("max").GetDouble());
    }

    private static Dictionary<string, string> Fields(JsonElement entry) =>
        entry.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    internal static async Task<CliResult> Succeeds(Task<CliResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
