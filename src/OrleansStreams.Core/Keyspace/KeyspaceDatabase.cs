namespace OrleansStreams.Keyspace;

/// <summary>
/// One Redis logical database's keyspace: strings, hashes, lists, sets and the keys of streams (whose data lives in
/// stream grains). Pure and synchronous: <see cref="Execute"/> takes a typed operation and the current time and
/// returns a typed result with Redis 7.0.15's semantics (the RESP gateway parses commands and words replies).
/// Not thread-safe; the owning grain serializes calls. The database takes ownership of the byte arrays it stores
/// and never mutates them.
/// </summary>
public sealed partial class KeyspaceDatabase
{
    private static readonly KeyspaceResult WrongTypeError = new KeyspaceResult.Failed(KeyspaceError.WrongType);
    private static readonly KeyspaceResult NotIntegerError = new KeyspaceResult.Failed(KeyspaceError.NotInteger);

    private readonly Dictionary<byte[], KeyspaceEntry> _keys = new(ByteArrayComparer.Instance);
    private readonly ExpiryIndex _expiries = new();
    private List<KeyspaceEffect> _effects = [];

    /// <summary>The number of keys, including expired keys not yet reaped (as Redis' DBSIZE).</summary>
    public int Count => _keys.Count;

    /// <summary>The number of keys with a TTL (INFO keyspace <c>expires</c>).</summary>
    public int ExpiresCount => _expiries.Count;

    /// <summary>The keys of type stream, expired or not.</summary>
    public IEnumerable<byte[]> StreamKeys => _keys.Where(kv => kv.Value.Type == KeyType.Stream).Select(kv => kv.Key);

    /// <summary>The effects on stream keys since the last call, in order; the list is handed over.</summary>
    public List<KeyspaceEffect> DrainEffects()
    {
        var drained = _effects;
        _effects = [];
        return drained;
    }

    /// <summary>
    /// Makes <paramref name="key"/> a stream key (as XADD does on a missing key). Returns <see cref="KeyspaceError.None"/>
    /// when it is, or now is, a stream, or <see cref="KeyspaceError.WrongType"/> when another type holds it.
    /// </summary>
    public KeyspaceError TryRegisterStream(byte[] key, long nowMs)
    {
        var entry = Lookup(key, nowMs);
        if (entry is null)
        {
            _keys[key] = new KeyspaceEntry(KeyType.Stream, null);
            return KeyspaceError.None;
        }
        return entry.Type == KeyType.Stream ? KeyspaceError.None : KeyspaceError.WrongType;
    }

    /// <summary>TYPE's answer: "none", "string", "hash", "list", "set" or "stream".</summary>
    public string TypeOf(byte[] key, long nowMs) => Lookup(key, nowMs)?.Type.Name() ?? KeyTypeNames.None;

    /// <summary>Removes every key; stream keys are reported as <see cref="StreamDeleted"/>.</summary>
    public void Clear()
    {
        foreach (var key in StreamKeys)
        {
            _effects.Add(new StreamDeleted(key));
        }
        _keys.Clear();
        _expiries.Clear();
    }

    /// <summary>The live entry at <paramref name="key"/>; an expired key is deleted first, as Redis' expireIfNeeded.</summary>
    private KeyspaceEntry? Lookup(byte[] key, long nowMs)
    {
        if (!_keys.TryGetValue(key, out var entry))
        {
            return null;
        }
        if (entry.IsExpired(nowMs))
        {
            Delete(key, entry);
            return null;
        }
        return entry;
    }

    /// <summary>Looks up a key that must hold <paramref name="type"/>: error is WRONGTYPE when another type holds it.</summary>
    private KeyspaceEntry? Lookup(byte[] key, long nowMs, KeyType type, out KeyspaceResult? error)
    {
        var entry = Lookup(key, nowMs);
        error = entry is not null && entry.Type != type ? WrongTypeError : null;
        return error is null ? entry : null;
    }

    private void Delete(byte[] key, KeyspaceEntry entry)
    {
        Detach(key, entry);
        if (entry.Type == KeyType.Stream)
        {
            _effects.Add(new StreamDeleted(key));
        }
    }

    /// <summary>Removes a key without reporting it (the caller reports a rename instead).</summary>
    private void Detach(byte[] key, KeyspaceEntry entry)
    {
        _keys.Remove(key);
        if (entry.HasExpiry)
        {
            _expiries.Remove(key, entry.ExpireAtMs);
        }
    }

    /// <summary>Stores a new value at <paramref name="key"/>, replacing whatever was there (with its TTL).</summary>
    private KeyspaceEntry Store(byte[] key, KeyType type, object? value)
    {
        if (_keys.TryGetValue(key, out var old))
        {
            Delete(key, old);
        }
        var entry = new KeyspaceEntry(type, value);
        _keys[key] = entry;
        return entry;
    }

    /// <summary>Deletes a collection that has become empty, as Redis does after HDEL, SREM, LPOP.</summary>
    private void DeleteIfEmpty(byte[] key, KeyspaceEntry entry, int count)
    {
        if (count == 0)
        {
            Delete(key, entry);
        }
    }
}
