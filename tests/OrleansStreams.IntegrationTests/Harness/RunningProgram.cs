using System.Diagnostics;
using System.Text;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>
/// A .NET program of this repository running as a process (<c>dotnet X.dll args</c>) with its stdin open and
/// its stdout and stderr collected; disposing kills it with its children if it is still running.
/// </summary>
public sealed class RunningProgram : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private RunningProgram(Process process, string command)
    {
        _process = process;
        Command = command;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Command { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the program printed on stdout so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public static RunningProgram Start(string dll, IReadOnlyList<string> args)
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
        return new RunningProgram(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command}."), command);
    }

    /// <summary>Writes <paramref name="stdin"/> (if any) and closes the program's input.</summary>
    public async Task CloseInputAsync(string? stdin = null)
    {
        if (stdin is not null)
        {
            await _process.StandardInput.WriteAsync(stdin);
        }
        _process.StandardInput.Close();
    }

    /// <summary>SIGINT, as Ctrl+C in a terminal.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the program to exit by itself; <see cref="TimeoutException"/> past <paramref name="timeout"/>.</summary>
    public async Task<CliResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Command} still running after {timeout.TotalSeconds:0} s.\n--- stdout ---\n{Stdout}");
        }
        // The parameterless wait also drains the asynchronous stdout and stderr readers.
        await _process.WaitForExitAsync();
        lock (_stderr)
        {
            return new CliResult(Command, _process.ExitCode, Stdout, _stderr.ToString(), _clock.Elapsed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
