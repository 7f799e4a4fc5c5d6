using OrleansStreams.Grains;

namespace OrleansStreams.Keyspace;

/// <summary>
/// A change to a stream key that the owner of the stream's data must apply: the keyspace holds only the key,
/// so deleting or renaming it must be mirrored on the stream grain. Read with <see cref="KeyspaceDatabase.DrainEffects"/>.
/// </summary>
public abstract record KeyspaceEffect;

/// <summary>The stream at <paramref name="Key"/> was deleted, overwritten, flushed or expired.</summary>
public sealed record StreamDeleted(byte[] Key) : KeyspaceEffect;

/// <summary>The stream at <paramref name="Key"/> now expires at <paramref name="AtMs"/> (Unix ms; null: never).</summary>
public sealed record StreamExpiry(byte[] Key, long? AtMs) : KeyspaceEffect;

/// <summary>The stream at <paramref name="From"/> now lives at <paramref name="To"/> (RENAME / RENAMENX).</summary>
public sealed record StreamRenamed(byte[] From, byte[] To) : KeyspaceEffect;

/// <summary>
/// RESTORE made <paramref name="Key"/> a stream: its data goes to the stream grain and each group's state (name → encoded
/// <see cref="ConsumerGroups.ConsumerGroup"/>) to its group grain.
/// </summary>
public sealed record StreamRestored(byte[] Key, StreamSnapshot Stream, IReadOnlyDictionary<string, byte[]> GroupStates) : KeyspaceEffect;
