using System.Diagnostics;
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

    public static async Task<CliResult> RunAsync(string dll, IReadOnlyList<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Not built: {dll}. Build the test project (it builds the CLI and the samples first).");
        }
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        var command = $"{Path.GetFileNameWithoutExtension(dll)} {string.Join(' ', args)}";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command}.");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }
            process.StandardInput.Close();
            using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{command} still running after {(timeout ?? DefaultTimeout).TotalSeconds:0} s.");
            }
            return new CliResult(command, process.ExitCode, await stdout, await stderr, clock.Elapsed);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}
