namespace OrleansStreams.Keyspace;

/// <summary>A list as a ring buffer: O(1) push and pop at both ends, O(1) indexing for LRANGE.</summary>
internal sealed class ListValue
{
    private byte[][] _items = new byte[4][];
    private int _head;

    public int Count { get; private set; }

    public byte[] this[int index]
    {
        get => _items[(_head + index) % _items.Length];
        set => _items[(_head + index) % _items.Length] = value;
    }

    /// <summary>Replaces the whole content (LREM, LINSERT, LTRIM rebuild the list: O(n), as in a quicklist).</summary>
    public void Reset(IEnumerable<byte[]> items)
    {
        var all = items.ToArray();
        _items = new byte[Math.Max(4, all.Length)][];
        all.CopyTo(_items, 0);
        _head = 0;
        Count = all.Length;
    }

    public IEnumerable<byte[]> Items()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    public void PushFirst(byte[] item)
    {
        Grow();
        _head = (_head - 1 + _items.Length) % _items.Length;
        _items[_head] = item;
        Count++;
    }

    public void PushLast(byte[] item)
    {
        Grow();
        _items[(_head + Count) % _items.Length] = item;
        Count++;
    }

    public byte[] PopFirst()
    {
        var item = _items[_head];
        _items[_head] = null!;
        _head = (_head + 1) % _items.Length;
        Count--;
        return item;
    }

    public byte[] PopLast()
    {
        var index = (_head + Count - 1) % _items.Length;
        var item = _items[index];
        _items[index] = null!;
        Count--;
        return item;
    }

    private void Grow()
    {
        if (Count < _items.Length)
        {
            return;
        }
        var bigger = new byte[_items.Length * 2][];
        for (var i = 0; i < Count; i++)
        {
            bigger[i] = this[i];
        }
        _items = bigger;
        _head = 0;
    }
}
