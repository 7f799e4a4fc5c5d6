using System.CommandLine;
using OrleansStreams.Client;
using Spectre.Console;

namespace OrleansStreams.Cli;

/// <summary>What a verb runs with: its parsed command line, the connected SDK, how to print, and Ctrl+C.</summary>
internal sealed class CliContext(ParseResult parse, OrleansStreamsConnection connection, CancellationToken cancellation)
{
    public IStreamClient Streams => connection.Streams;

    public IPipelineClient Pipelines => connection.Pipelines;

    /// <summary>Cancelled by Ctrl+C.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>--json: one JSON document on stdout, no tables or progress.</summary>
    public bool Json { get; } = parse.GetValue(GlobalOptions.Json);

    /// <summary>Progress bars and live views only on a terminal a person watches.</summary>
    public bool Interactive => !Json && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public T Get<T>(Option<T> option) => parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => parse.GetValue(argument)!;
}
