using OrleansStreams.Streams;

namespace OrleansStreams.Streams;

/// <summary>
/// A run of consecutively appended entries, as a Redis stream's radix-tree node (listpack): it takes
/// appends until it has held <c>stream-node-max-entries</c> slots; deleted entries leave an empty slot.
/// Approximate trimming (<c>~</c>) removes whole nodes only, as Redis does.
/// </summary>
internal sealed class StreamNode
{
    private StreamEntryId[] _ids;
    private StreamEntry?[] _entries;

    public StreamNode(int capacity)
    {
        _ids = new StreamEntryId[Math.Min(capacity, 16)];
        _entries = new StreamEntry?[_ids.Length];
    }

    /// <summary>Slots used, deleted ones included (Redis counts both towards the node size).</summary>
    public int SlotCount { get; private set; }

    public int LiveCount { get; private set; }

    public StreamEntryId FirstSlotId => _ids[0];

    public StreamEntryId LastSlotId => _ids[SlotCount - 1];

    public void Add(StreamEntry entry)
    {
        if (SlotCount == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
            Array.Resize(ref _entries, _ids.Length);
        }
        _ids[SlotCount] = entry.Id;
        _entries[SlotCount] = entry;
        SlotCount++;
        LiveCount++;
    }

    /// <summary>Adds a slot that is already deleted (when a stored node is loaded).</summary>
    public void AddDeleted(StreamEntryId id)
    {
        Add(new StreamEntry(id, []));
        _entries[SlotCount - 1] = null;
        LiveCount--;
    }

    public StreamEntryId IdAt(int slot) => _ids[slot];

    public StreamEntry? EntryAt(int slot) => _entries[slot];

    /// <summary>The first slot whose ID is &gt;= <paramref name="id"/> (SlotCount when none).</summary>
    public int LowerBound(StreamEntryId id)
    {
        int lo = 0, hi = SlotCount;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ids[mid] < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    public bool Delete(StreamEntryId id)
    {
        var slot = LowerBound(id);
        if (slot >= SlotCount || _ids[slot] != id || _entries[slot] is null)
        {
            return false;
        }
        _entries[slot] = null;
        LiveCount--;
        return true;
    }

    /// <summary>Deletes live entries from the front while <paramref name="shouldDelete"/> says so; returns how many.</summary>
    public int TrimFront(Func<StreamEntryId, bool> shouldDelete)
    {
        var deleted = 0;
        for (var slot = 0; slot < SlotCount; slot++)
        {
            if (_entries[slot] is null)
            {
                continue;
            }
            if (!shouldDelete(_ids[slot]))
            {
                break;
            }
            _entries[slot] = null;
            LiveCount--;
            deleted++;
        }
        return deleted;
    }

    public IEnumerable<StreamEntry> LiveEntries()
    {
        for (var slot = 0; slot < SlotCount; slot++)
        {
            if (_entries[slot] is { } e)
            {
                yield return e;
            }
        }
    }

    /// <summary>Every slot with its entry (null when deleted), for storage.</summary>
    public IEnumerable<(StreamEntryId Id, StreamEntry? Entry)> Slots()
    {
        for (var slot = 0; slot < SlotCount; slot++)
        {
            yield return (_ids[slot], _entries[slot]);
        }
    }

    public StreamEntry? FirstLive()
    {
        for (var slot = 0; slot < SlotCount; slot++)
        {
            if (_entries[slot] is { } e)
            {
                return e;
            }
        }
        return null;
    }

    public StreamEntry? LastLive()
    {
        for (var slot = SlotCount - 1; slot >= 0; slot--)
        {
            if (_entries[slot] is { } e)
            {
                return e;
            }
        }
        return null;
    }
}
