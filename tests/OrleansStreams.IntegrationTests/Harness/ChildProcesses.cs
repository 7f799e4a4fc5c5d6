using System.Diagnostics;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>Starts child processes and kills any still running when the test host exits, so an aborted run leaves nothing behind.</summary>
public static class ChildProcesses
{
    private static readonly List<Process> Running = [];
    private static readonly Lock Gate = new();

    static ChildProcesses() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    public static Process Start(ProcessStartInfo info, ProcessOutput output)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = false;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        output.Attach(process);
        lock (Gate)
        {
            Running.Add(process);
        }
        return process;
    }

    /// <summary>SIGKILL: the process gets no chance to flush or shut down.</summary>
    public static void KillHard(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: false);
            }
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        Forget(process);
    }

    /// <summary>SIGTERM (or <paramref name="signal"/>, e.g. INT as Ctrl+C), then wait for the process to exit by itself; false if it had to be killed.</summary>
    public static async Task<bool> StopGracefullyAsync(Process process, TimeSpan timeout, string signal = "TERM")
    {
        if (process.HasExited)
        {
            Forget(process);
            return true;
        }
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString()]) { UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            Forget(process);
            return true;
        }
        catch (OperationCanceledException)
        {
            KillHard(process);
            return false;
        }
    }

    private static void Forget(Process process)
    {
        lock (Gate)
        {
            Running.Remove(process);
        }
    }

    private static void KillAll()
    {
        lock (Gate)
        {
            foreach (var process in Running)
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                }
            }
            Running.Clear();
        }
    }

    /// <summary>Runs a command to completion; its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Still running at the deadline: end it (no process outlives the test) and say what it printed.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{fileName} still ran after {timeout.TotalSeconds:0} s; it printed:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
