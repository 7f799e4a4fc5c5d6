namespace OrleansStreams.Rdb;

/// <summary>A serialized value that cannot be read: RESTORE answers <c>ERR Bad data format</c>.</summary>
public sealed class RdbFormatException(string message) : Exception(message);
