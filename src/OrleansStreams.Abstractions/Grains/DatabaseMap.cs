namespace OrleansStreams.Grains;

/// <summary>
/// Logical database → physical database. Data grains are keyed by the physical number, so SWAPDB
/// is a swap in this map (kept durable by the server grain) rather than a copy of data.
/// </summary>
public sealed class DatabaseMap
{
    private int[] _map;

    public DatabaseMap(int count)
    {
        _map = Enumerable.Range(0, count).ToArray();
    }

    public int Count => _map.Length;

    public int Physical(int logical) => Volatile.Read(ref _map)[logical];

    public void Set(int[] map)
    {
        if (map.Length == _map.Length)
        {
            Volatile.Write(ref _map, map);
        }
    }
}
