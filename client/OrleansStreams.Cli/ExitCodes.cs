namespace OrleansStreams.Cli;

/// <summary>The exit codes scripts can rely on (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The cluster answered with an error (a typed stream or pipeline exception), printed as Redis would word it.</summary>
    public const int ServerError = 1;

    /// <summary>The command line or the input could not be understood.</summary>
    public const int Usage = 2;

    /// <summary>No node answered on the gateway port or through the Redis clustering table.</summary>
    public const int Unreachable = 3;

    /// <summary>Ctrl+C, as shells report SIGINT (128 + 2).</summary>
    public const int Interrupted = 130;
}
