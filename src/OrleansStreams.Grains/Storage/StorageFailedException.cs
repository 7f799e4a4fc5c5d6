namespace OrleansStreams.Storage;

/// <summary>A journal or checkpoint write failed earlier: this activation no longer accepts work and is deactivating.</summary>
[GenerateSerializer, Alias("OrleansStreams.StorageFailedException")]
public sealed class StorageFailedException : IOException
{
    public StorageFailedException()
    {
    }

    public StorageFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
