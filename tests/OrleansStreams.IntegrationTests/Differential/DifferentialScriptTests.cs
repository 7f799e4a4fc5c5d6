using OrleansStreams.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>Every Scripts/*.redis file, in RESP2 and in RESP3, replies byte for byte as redis-server does.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class DifferentialScriptTests(DifferentialFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string, int> Scripts()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.GetFiles(RepoPaths.ScriptsDirectory, "*.redis").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file), 2);
            data.Add(Path.GetFileNameWithoutExtension(file), 3);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Script_replies_equal_redis_server_replies(string script, int protocol)
    {
        var lines = ScriptLine.ParseScript(File.ReadLines(Path.Combine(RepoPaths.ScriptsDirectory, script + ".redis")));
        if (protocol == 3)
        {
            // HELLO's reply carries the server's name, version and client id: only its type is compared.
            lines.Insert(0, new ScriptLine(0, "HELLO 3", Comparison.TypeOnly, ScriptLine.SplitArguments("HELLO 3")));
        }

        var expected = await ScriptRunner.RunAsync(fixture.Redis.Port, lines);
        var actual = await ScriptRunner.RunAsync(fixture.TestedPort, lines);

        var differences = ScriptRunner.Compare(lines, expected, actual);
        output.WriteLine($"{script} (RESP{protocol}): {lines.Count} commands, {differences.Count} differences");
        foreach (var difference in differences)
        {
            output.WriteLine(difference);
        }
        Assert.True(differences.Count == 0,
            $"{differences.Count} of {lines.Count} replies differ from redis-server in {script}.redis (RESP{protocol}):\n" +
            string.Join("\n", differences) +
            (differences.Any(d => d.Contains("!no reply", StringComparison.Ordinal)) ? "\n--- silo output (tail) ---\n" + fixture.TestedOutputTail : ""));
    }
}
