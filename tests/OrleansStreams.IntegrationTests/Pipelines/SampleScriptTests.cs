using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Pipelines;

/// <summary>
/// The samples in samples/pipelines run against a silo process and print the results the README shows,
/// so they cannot rot. The expected lines are the windows computed by hand in each script's comments.
/// </summary>
public sealed class SampleScriptTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("pageviews.sh",
        "key=/cart window_start=1700000040000 window_end=1700000100000 views=1",
        "key=/home window_start=1700000040000 window_end=1700000100000 views=3")]
    [InlineData("fraud.sh",
        "key=ann window_start=1700000040000 window_end=1700003640000 total=11000 payments=2")]
    [InlineData("sessions.sh",
        """key=s1 window_start=1700000040000 window_end=1700002560000 pages=["home","cart","pay"] events=3 duration_ms=720000""",
        """key=s1 window_start=1700003040000 window_end=1700004840000 pages=["home"] events=1 duration_ms=0""",
        """key=s2 window_start=1700000160000 window_end=1700001960000 pages=["home"] events=1 duration_ms=0""")]
    public async Task Sample_script_exits_0_and_prints_the_expected_windows(string script, params string[] expected)
    {
        await using var silo = await SiloProcess.StartAsync();
        var path = Path.Combine(RepoPaths.Root, "samples", "pipelines", script);

        var (exitCode, stdout, stderr) = await ChildProcesses.RunAsync("bash", [path, silo.RespPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], ScriptTimeout);

        Assert.True(exitCode == 0, $"{script} exited {exitCode}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
        var results = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("key=", StringComparison.Ordinal));
        Assert.Equal(expected, results);
    }
}
