namespace OrleansStreams.Storage;

/// <summary>How a <see cref="JournaledState"/> is checkpointed and reports failure.</summary>
public sealed class JournaledStateOptions
{
    /// <summary>
    /// A checkpoint starts once this many records were journaled since the last one, and the journal since
    /// then has grown at least as large as that checkpoint's snapshot (Redis' auto-aof-rewrite-percentage
    /// 100): a large state is rewritten in proportion to what was journaled, never per few records, and
    /// replay after a restart reads at most about the state's own size again.
    /// </summary>
    public int RecordsPerCheckpoint { get; init; } = 1000;

    /// <summary>Captures a checkpoint (synchronously, in the owner's turn). Must first journal any change not yet journaled.</summary>
    public required Func<CheckpointData> Capture { get; init; }

    /// <summary>Whether a checkpoint is due for a reason of the owner's own (e.g. sealed segments waiting to be written).</summary>
    public Func<bool>? CheckpointDue { get; init; }

    /// <summary>Called once when a write fails: the owner stops (a grain deactivates), so its memory never runs ahead of storage.</summary>
    public Action<Exception>? OnFailure { get; init; }
}
