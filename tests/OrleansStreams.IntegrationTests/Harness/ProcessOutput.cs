using System.Diagnostics;
using System.Text;

namespace OrleansStreams.IntegrationTests.Harness;

/// <summary>Collects a child process' stdout and stderr so a failing test can show them.</summary>
public sealed class ProcessOutput
{
    private const int MaxChars = 200_000;
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data is null ? null : "[stderr] " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            if (_text.Length > MaxChars)
            {
                // Keep the start (configuration, first errors) and the most recent lines.
                _text.Remove(MaxChars / 2, _text.Length - MaxChars / 2);
                _text.AppendLine("[... output truncated ...]");
            }
            _text.AppendLine(line);
        }
    }
}
