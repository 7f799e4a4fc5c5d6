namespace OrleansStreams.Storage;

/// <summary>A journal or checkpoint write failed earlier: this activation no longer accepts work and is deactivating.</summary>
public sealed class StorageFailedException(string message, Exception inner) : IOException(message, inner);
