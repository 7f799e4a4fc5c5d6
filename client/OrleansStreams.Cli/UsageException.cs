namespace OrleansStreams.Cli;

/// <summary>Input the command cannot use (a malformed stdin line, an unreadable file): exit code 2, like a parse error.</summary>
internal sealed class UsageException(string message) : Exception(message);
