using System.Text.Json;

namespace OrleansStreams.Processing;

/// <summary>
/// The user state of a key group: JSON values per (key, name), each with an optional expiry in processing time.
/// Operators see one key at a time through <see cref="For"/>; every change is recorded for the journal
/// (<see cref="TakeChanges"/>) and replayed with <see cref="Apply"/>. Expired values read as absent at once and
/// leave memory at the next <see cref="Expire"/>, which is not journaled: a replay reaches the same reads because
/// expiry is a function of the stored expiry time.
/// </summary>
public sealed partial class KeyedStateStore
{
    private const long EntryOverheadBytes = 96;
    private readonly Dictionary<(string Key, string Name), (byte[] Value, long ExpiresAtMs)> _entries = [];
    private List<KeyedStateChange> _changes = [];

    /// <summary>Stored values, expired ones included until <see cref="Expire"/>.</summary>
    public long Count => _entries.Count;

    public long EstimatedBytes { get; private set; }

    /// <summary>The state of <paramref name="key"/> as seen at processing time <paramref name="nowMs"/>.</summary>
    public IKeyedState For(string key, long nowMs) => new View(this, key, nowMs);

    /// <summary>The changes since the last call, in order.</summary>
    public IReadOnlyList<KeyedStateChange> TakeChanges()
    {
        var changes = _changes;
        _changes = [];
        return changes;
    }

    /// <summary>Replays a journaled change without recording it.</summary>
    public void Apply(KeyedStateChange change)
    {
        if (change.Value is null)
        {
            Remove((change.Key, change.Name));
        }
        else
        {
            Set((change.Key, change.Name), change.Value, change.ExpiresAtMs);
        }
    }

    /// <summary>Drops the values expired at <paramref name="nowMs"/>; returns how many. Walks all values.</summary>
    public int Expire(long nowMs)
    {
        List<(string, string)>? expired = null;
        foreach (var (id, entry) in _entries)
        {
            if (IsExpired(entry.ExpiresAtMs, nowMs))
            {
                (expired ??= []).Add(id);
            }
        }
        if (expired is null)
        {
            return 0;
        }
        foreach (var id in expired)
        {
            Remove(id);
        }
        return expired.Count;
    }

    public void WriteTo(BinaryWriter writer)
    {
        writer.Write7BitEncodedInt(_entries.Count);
        foreach (var ((key, name), (value, expiresAt)) in _entries)
        {
            WriteEntry(writer, key, name, value, expiresAt);
        }
    }

    public static KeyedStateStore ReadFrom(BinaryReader reader)
    {
        var store = new KeyedStateStore();
        for (var i = reader.Read7BitEncodedInt(); i > 0; i--)
        {
            var key = reader.ReadString();
            var name = reader.ReadString();
            var value = reader.ReadBytes(reader.Read7BitEncodedInt() - 1);
            store.Set((key, name), value, reader.ReadInt64());
        }
        return store;
    }

    private static bool IsExpired(long expiresAtMs, long nowMs) => expiresAtMs != 0 && expiresAtMs <= nowMs;

    private static long SizeOf(string key, string name, byte[] value) => EntryOverheadBytes + (2L * (key.Length + name.Length)) + value.Length;

    private bool TryRead((string, string) id, long nowMs, out byte[] value)
    {
        if (_entries.TryGetValue(id, out var entry) && !IsExpired(entry.ExpiresAtMs, nowMs))
        {
            value = entry.Value;
            return true;
        }
        value = [];
        return false;
    }

    private void Set((string Key, string Name) id, byte[] value, long expiresAtMs)
    {
        Remove(id);
        _entries[id] = (value, expiresAtMs);
        EstimatedBytes += SizeOf(id.Key, id.Name, value);
    }

    private bool Remove((string Key, string Name) id)
    {
        if (!_entries.Remove(id, out var old))
        {
            return false;
        }
        EstimatedBytes -= SizeOf(id.Key, id.Name, old.Value);
        return true;
    }

    private void Record(KeyedStateChange change)
    {
        Apply(change);
        _changes.Add(change);
    }

    private sealed class View(KeyedStateStore store, string key, long nowMs) : IKeyedState
    {
        public string Key => key;

        public T? Get<T>(string name) => store.TryRead((key, name), nowMs, out var value) ? JsonSerializer.Deserialize<T>(value) : default;

        public void Put<T>(string name, T value, TimeSpan? ttl = null)
        {
            var expiresAt = ttl is { } t ? nowMs + Math.Max(0, (long)t.TotalMilliseconds) : 0;
            store.Record(new KeyedStateChange(key, name, JsonSerializer.SerializeToUtf8Bytes(value), expiresAt));
        }

        public T Update<T>(string name, Func<T?, T> update, TimeSpan? ttl = null)
        {
            var value = update(Get<T>(name));
            Put(name, value, ttl);
            return value;
        }

        public bool Delete(string name)
        {
            var live = store.TryRead((key, name), nowMs, out _);
            if (store._entries.ContainsKey((key, name)))
            {
                store.Record(new KeyedStateChange(key, name, null, 0));
            }
            return live;
        }
    }
}
