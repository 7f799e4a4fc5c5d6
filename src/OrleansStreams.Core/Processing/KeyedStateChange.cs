namespace OrleansStreams.Processing;

/// <summary>One change of keyed state, as journaled: the JSON value stored under (key, name), or null for a delete; <paramref name="ExpiresAtMs"/> is 0 for no expiry.</summary>
public readonly record struct KeyedStateChange(string Key, string Name, byte[]? Value, long ExpiresAtMs);
