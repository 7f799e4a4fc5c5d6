namespace OrleansStreams.Keyspace;

/// <summary>Keys with a TTL ordered by expiry time, so the active expiry timer finds due keys without a full scan.</summary>
internal sealed class ExpiryIndex
{
    private readonly SortedSet<(long AtMs, byte[] Key)> _byTime = new(Comparer<(long AtMs, byte[] Key)>.Create(static (x, y) =>
    {
        var byTime = x.AtMs.CompareTo(y.AtMs);
        return byTime != 0 ? byTime : ByteArrayComparer.Instance.Compare(x.Key, y.Key);
    }));

    public int Count => _byTime.Count;

    public long? EarliestMs => _byTime.Count == 0 ? null : _byTime.Min.AtMs;

    public void Add(byte[] key, long atMs) => _byTime.Add((atMs, key));

    public void Remove(byte[] key, long atMs) => _byTime.Remove((atMs, key));

    public void Clear() => _byTime.Clear();

    /// <summary>Up to <paramref name="max"/> keys whose expiry is strictly before <paramref name="nowMs"/>, earliest first.</summary>
    public List<byte[]> Due(long nowMs, int max)
    {
        var due = new List<byte[]>();
        foreach (var (atMs, key) in _byTime)
        {
            if (due.Count >= max || atMs >= nowMs)
            {
                break;
            }
            due.Add(key);
        }
        return due;
    }
}
