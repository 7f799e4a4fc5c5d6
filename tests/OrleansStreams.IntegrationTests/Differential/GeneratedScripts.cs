using CsCheck;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>Runs generated command sequences on redis-server and on the server under test, comparing every reply and shrinking a failure.</summary>
public static class GeneratedScripts
{
    /// <summary>How many sequences a generated test runs: ORLEANSSTREAMS_DIFF_SEQUENCES, default 150 (CI).</summary>
    public static long Sequences => long.TryParse(Environment.GetEnvironmentVariable("ORLEANSSTREAMS_DIFF_SEQUENCES"), out var n) ? n : 150;

    public static Task CheckAsync(DifferentialFixture fixture, ITestOutputHelper output, Gen<string[][]> sequence)
    {
        output.WriteLine($"{Sequences} sequences");
        return sequence.SampleAsync(async commands =>
        {
            var lines = commands.Select((c, i) => Line(i + 1, c)).ToList();
            var expected = await ScriptRunner.RunAsync(fixture.Redis.Port, lines);
            var actual = await ScriptRunner.RunAsync(fixture.TestedPort, lines);
            var differences = ScriptRunner.Compare(lines, expected, actual);
            if (differences.Count > 0)
            {
                output.WriteLine(string.Join('\n', lines.Select(l => l.Text)) + "\n" + string.Join('\n', differences) + "\n");
            }
            return differences.Count == 0;
        }, iter: Sequences, threads: 1, print: commands => "\n" + string.Join('\n', commands.Select(c => string.Join(' ', c))));
    }

    /// <summary>One command as an exactly compared script line.</summary>
    public static ScriptLine Line(int number, string[] words) =>
        new(number, string.Join(' ', words), Comparison.Exact, [.. words.Select(System.Text.Encoding.UTF8.GetBytes)]);
}
