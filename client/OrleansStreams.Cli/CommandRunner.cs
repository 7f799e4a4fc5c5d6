using System.CommandLine;
using OrleansStreams.Client;

namespace OrleansStreams.Cli;

/// <summary>Runs a verb: connects with the global options and turns each kind of failure into its exit code and one line on stderr.</summary>
internal static class CommandRunner
{
    /// <summary>The verb's action: <paramref name="run"/> gets a connected <see cref="CliContext"/> and returns the exit code.</summary>
    public static Command WithAction(this Command command, Func<CliContext, Task<int>> run)
    {
        command.SetAction((parse, cancellation) => RunAsync(parse, run, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<CliContext, Task<int>> run, CancellationToken cancellation)
    {
        try
        {
            await using var connection = await OrleansStreamsConnection.ConnectAsync(o => GlobalOptions.Configure(parse, o), cancellation);
            var exitCode = await run(new CliContext(parse, connection, cancellation));
            // Some loops end quietly on cancellation (TailAsync stops without throwing): Ctrl+C is still an interruption.
            return cancellation.IsCancellationRequested ? ExitCodes.Interrupted : exitCode;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (ClusterUnreachableException ex)
        {
            var hint = parse.GetValue(GlobalOptions.Clustering) == "redis" ? "check --redis and --cluster-id"
                : parse.GetValue(GlobalOptions.Gateway) is { Length: > 0 } ? "check --gateway and --cluster-id"
                : "or pass --gateway-port N for a node on another port, --gateway host:port for a node on another host";
            return Fail(ExitCodes.Unreachable, $"{ex.Message}; {hint}");
        }
        catch (StreamException ex)
        {
            return Fail(ExitCodes.ServerError, ex.Message);
        }
        catch (PipelineException ex)
        {
            // The gateway words pipeline errors as "-ERR <message>"; the SDK carries the message alone.
            return Fail(ExitCodes.ServerError, "ERR " + ex.Message);
        }
        catch (UsageException ex)
        {
            return Fail(ExitCodes.Usage, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else the cluster or the connection threw (a node gone mid-command): one line, not a stack trace.
            return Fail(ExitCodes.ServerError, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine($"ostreams: {message}");
        return exitCode;
    }
}
