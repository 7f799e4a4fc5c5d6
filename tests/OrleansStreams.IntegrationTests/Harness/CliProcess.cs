using System.Globalization;
using System.Text.Json;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CliResult(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>Stdout as the one JSON document --json promises.</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Not one JSON document:\n{this}", ex);
        }
    }

    public override string ToString() => $"{Command} exited {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// A .NET program of this repository (the ostreams CLI, a sample) run as a real process to completion,
/// with optional stdin; killed with its children when it outlives its timeout or the test fails.
/// </summary>
public static class CliProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The ostreams build of the same configuration as the tests.</summary>
    public static string CliDll => Path.Combine(RepoPaths.Root, "client", "OrleansStreams.Cli", "bin", RepoPaths.Configuration, "net10.0", "ostreams.dll");

    /// <summary>A sample's build: samples/NAME/bin/…/NAME.dll.</summary>
    public static string SampleDll(string name) => Path.Combine(RepoPaths.Root, "samples", name, "bin", RepoPaths.Configuration, "net10.0", name + ".dll");

    /// <summary>Runs ostreams against the Orleans gateway port <paramref name="gatewayPort"/>.</summary>
    public static Task<CliResult> OstreamsAsync(int gatewayPort, string? stdin, params string[] args) =>
        RunAsync(CliDll, ["--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture), .. args], stdin);

    /// <summary>Runs <paramref name="dll"/> to its exit with <paramref name="stdin"/> as its input.</summary>
    public static async Task<CliResult> RunAsync(string dll, IReadOnlyList<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        await using var program = RunningProgram.Start(dll, args);
        await program.CloseInputAsync(stdin);
        return await program.WaitForExitAsync(timeout ?? DefaultTimeout);
    }
}
