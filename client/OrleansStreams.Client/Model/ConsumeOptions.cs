namespace OrleansStreams.Client;

/// <summary>
/// How <see cref="IStreamClient.ConsumeAsync"/> runs a worker: batch size, concurrency, retries with
/// backoff, reclaiming of entries other workers left idle, dead-lettering, and group creation.
/// </summary>
public sealed record ConsumeOptions
{
    /// <summary>Entries read per call (COUNT).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>How many handlers run at once.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>How long one read waits for new entries before the loop looks at reclaiming and cancellation again.</summary>
    public TimeSpan BlockTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a failed handler is tried again in place before the entry is left pending.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>The first retry's delay; each next retry waits twice as long.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Entries pending longer than this (any consumer's) are claimed by this worker (XAUTOCLAIM); null: never.</summary>
    public TimeSpan? ReclaimIdle { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>After this many deliveries an entry goes to <see cref="DeadLetterStream"/> instead of the handler; 0: never.</summary>
    public long MaxDeliveries { get; init; }

    /// <summary>Where entries delivered more than <see cref="MaxDeliveries"/> times go (the group's dead-letter policy).</summary>
    public string? DeadLetterStream { get; init; }

    /// <summary>Told about each failed attempt of a handler (the entry, the exception, the attempt from 1), for logging.</summary>
    public Action<StreamMessage, Exception, int>? OnHandlerError { get; init; }

    /// <summary>Create the group (and the stream) when missing, at this position; null: the group must exist.</summary>
    public GroupPosition? CreateGroupAt { get; init; } = GroupPosition.Beginning;
}
