namespace OrleansStreams.Keyspace;

/// <summary>
/// SPOP's randomness: SplitMix64 seeded from the command's time and key, so replaying the journaled command
/// (same time, same key, same state) removes the same members on every runtime and process.
/// </summary>
internal struct SeededPicker(long nowMs, byte[] key)
{
    private ulong _state = Seed(nowMs, key);

    /// <summary>A number in [0, <paramref name="bound"/>).</summary>
    public int Next(int bound) => (int)(NextUInt64() % (ulong)bound);

    private ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a over the key, mixed with the time: stable, unlike string.GetHashCode.</summary>
    private static ulong Seed(long nowMs, byte[] key)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }
        return hash ^ (ulong)nowMs;
    }
}
