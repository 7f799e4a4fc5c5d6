namespace OrleansStreams.Streams;

/// <summary>
/// A run of consecutively appended entries, held as a Redis stream node holds them: one listpack
/// (t_stream.c's layout, byte for byte) with a master entry (the first entry's field names) and each
/// entry as flags, the ID's difference to the master ID, the values (and the field names when they
/// differ from the master's) and a back-count. A deleted entry keeps its bytes with the DELETED flag.
/// So a node costs what it costs in Redis (plus a 4-byte offset per entry for direct access), and its
/// <see cref="Bytes"/> are the listpack's, which <c>stream-node-max-bytes</c> limits.
/// </summary>
internal sealed class StreamNode
{
    private const int FlagDeleted = 1;
    private const int FlagSameFields = 2;

    /// <summary>The listpack's elements from the master field count on (without its header, the live and deleted counts, and the end byte).</summary>
    private byte[] _buffer;
    private int _length;

    /// <summary>Where each entry's flags element starts in <see cref="_buffer"/>.</summary>
    private int[] _offsets;
    private byte[][] _masterFields = [];
    private StreamEntryId _master;
    private StreamEntryId _last;

    public StreamNode()
    {
        _buffer = new byte[64];
        _offsets = new int[8];
    }

    private StreamNode(StreamEntryId master, byte[] buffer)
    {
        _master = master;
        _buffer = buffer;
        _length = buffer.Length;
        _offsets = [];
        Index();
    }

    /// <summary>Slots used, deleted ones included (Redis counts both towards the node size).</summary>
    public int SlotCount { get; private set; }

    public int LiveCount { get; private set; }

    public StreamEntryId FirstSlotId => _master;

    public StreamEntryId LastSlotId => _last;

    /// <summary>The size of this node's listpack in Redis (lpBytes).</summary>
    public long Bytes => Listpack.Overhead + Listpack.IntElementSize(LiveCount) + Listpack.IntElementSize(SlotCount - LiveCount) + _length;

    /// <summary>The master entry's ID (the first slot's), and the listpack body as stored; see <see cref="FromStored"/>.</summary>
    public ReadOnlySpan<byte> Body => _buffer.AsSpan(0, _length);

    /// <summary>Rebuilds a node from <see cref="FirstSlotId"/> and <see cref="Body"/>.</summary>
    public static StreamNode FromStored(StreamEntryId master, byte[] body) => new(master, body);

    /// <summary>The whole listpack as Redis stores it in the node (for DUMP).</summary>
    public byte[] ToListpack()
    {
        var total = (int)Bytes;
        var lp = new byte[total];
        var pos = 6;
        pos += Listpack.WriteInt(lp.AsSpan(pos), LiveCount);
        pos += Listpack.WriteInt(lp.AsSpan(pos), SlotCount - LiveCount);
        Body.CopyTo(lp.AsSpan(pos));
        pos += _length;
        lp[pos] = Listpack.End;
        // Elements: live, deleted, the master entry (count, fields, terminator), and each entry's.
        var elements = 2 + 2 + _masterFields.Length;
        for (var slot = 0; slot < SlotCount; slot++)
        {
            elements += ElementsOf(slot);
        }
        Listpack.WriteHeader(lp, total, elements);
        return lp;
    }

    public void Add(StreamEntry entry)
    {
        var fields = entry.Fields;
        var pairs = fields.Length / 2;
        var same = true;
        if (SlotCount == 0)
        {
            _master = entry.Id;
            _masterFields = new byte[pairs][];
            Write(pairs);
            for (var i = 0; i < pairs; i++)
            {
                _masterFields[i] = fields[2 * i];
                WriteString(fields[2 * i]);
            }
            Write(0);
        }
        else if (pairs == _masterFields.Length)
        {
            for (var i = 0; i < pairs && same; i++)
            {
                same = fields[2 * i].AsSpan().SequenceEqual(_masterFields[i]);
            }
        }
        else
        {
            same = false;
        }
        if (SlotCount == _offsets.Length)
        {
            Array.Resize(ref _offsets, Math.Max(8, _offsets.Length * 2));
        }
        _offsets[SlotCount] = _length;
        Write(same ? FlagSameFields : 0);
        Write(unchecked((long)(entry.Id.Ms - _master.Ms)));
        Write(unchecked((long)(entry.Id.Seq - _master.Seq)));
        if (!same)
        {
            Write(pairs);
        }
        for (var i = 0; i < pairs; i++)
        {
            if (!same)
            {
                WriteString(fields[2 * i]);
            }
            WriteString(fields[(2 * i) + 1]);
        }
        Write(same ? pairs + 3 : (2 * pairs) + 4);
        _last = entry.Id;
        SlotCount++;
        LiveCount++;
    }

    /// <summary>Adds a slot that is already deleted, with no fields (when a node stored before nodes kept deleted entries is loaded).</summary>
    public void AddDeleted(StreamEntryId id)
    {
        Add(new StreamEntry(id, []));
        _buffer[_offsets[SlotCount - 1]] |= FlagDeleted;
        LiveCount--;
    }

    /// <summary>Frees the spare room of the buffers, once the node takes no more appends.</summary>
    public void Compact()
    {
        if (_buffer.Length != _length)
        {
            Array.Resize(ref _buffer, _length);
        }
        if (_offsets.Length != SlotCount)
        {
            Array.Resize(ref _offsets, SlotCount);
        }
    }

    public StreamEntryId IdAt(int slot)
    {
        var pos = _offsets[slot] + 2; // the flags element is one byte and its back-length
        var ms = Listpack.ReadInt(_buffer, ref pos);
        var seq = Listpack.ReadInt(_buffer, ref pos);
        return new StreamEntryId(unchecked(_master.Ms + (ulong)ms), unchecked(_master.Seq + (ulong)seq));
    }

    public bool IsDeleted(int slot) => (_buffer[_offsets[slot]] & FlagDeleted) != 0;

    public StreamEntry? EntryAt(int slot)
    {
        if (IsDeleted(slot))
        {
            return null;
        }
        var id = IdAt(slot);
        var pos = _offsets[slot];
        var flags = Listpack.ReadInt(_buffer, ref pos);
        Listpack.Skip(_buffer, ref pos);
        Listpack.Skip(_buffer, ref pos);
        byte[][] fields;
        if ((flags & FlagSameFields) != 0)
        {
            fields = new byte[_masterFields.Length * 2][];
            for (var i = 0; i < _masterFields.Length; i++)
            {
                fields[2 * i] = _masterFields[i];
                fields[(2 * i) + 1] = Listpack.ReadBytes(_buffer, ref pos);
            }
        }
        else
        {
            fields = new byte[Listpack.ReadInt(_buffer, ref pos) * 2][];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Listpack.ReadBytes(_buffer, ref pos);
            }
        }
        return new StreamEntry(id, fields);
    }

    /// <summary>The first slot whose ID is &gt;= <paramref name="id"/> (SlotCount when none).</summary>
    public int LowerBound(StreamEntryId id)
    {
        int lo = 0, hi = SlotCount;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (IdAt(mid) < id)
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
        if (slot >= SlotCount || IdAt(slot) != id || IsDeleted(slot))
        {
            return false;
        }
        MarkDeleted(slot);
        return true;
    }

    /// <summary>Deletes live entries from the front while <paramref name="shouldDelete"/> says so; returns how many.</summary>
    public int TrimFront(Func<StreamEntryId, bool> shouldDelete)
    {
        var deleted = 0;
        for (var slot = 0; slot < SlotCount; slot++)
        {
            if (IsDeleted(slot))
            {
                continue;
            }
            if (!shouldDelete(IdAt(slot)))
            {
                break;
            }
            MarkDeleted(slot);
            deleted++;
        }
        return deleted;
    }

    public IEnumerable<StreamEntry> LiveEntries()
    {
        for (var slot = 0; slot < SlotCount; slot++)
        {
            if (EntryAt(slot) is { } e)
            {
                yield return e;
            }
        }
    }

    /// <summary>Every slot with its entry (null when deleted).</summary>
    public IEnumerable<(StreamEntryId Id, StreamEntry? Entry)> Slots()
    {
        for (var slot = 0; slot < SlotCount; slot++)
        {
            yield return (IdAt(slot), EntryAt(slot));
        }
    }

    public StreamEntry? FirstLive()
    {
        for (var slot = 0; slot < SlotCount; slot++)
        {
            if (EntryAt(slot) is { } e)
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
            if (EntryAt(slot) is { } e)
            {
                return e;
            }
        }
        return null;
    }

    private void MarkDeleted(int slot)
    {
        // The flags are 0..3: a one-byte element, rewritten in place as Redis' lpReplaceInteger does.
        _buffer[_offsets[slot]] |= FlagDeleted;
        LiveCount--;
    }

    /// <summary>The listpack elements of the entry in <paramref name="slot"/>.</summary>
    private int ElementsOf(int slot)
    {
        var pos = _offsets[slot];
        var flags = Listpack.ReadInt(_buffer, ref pos);
        if ((flags & FlagSameFields) != 0)
        {
            return 3 + _masterFields.Length + 1;
        }
        Listpack.Skip(_buffer, ref pos);
        Listpack.Skip(_buffer, ref pos);
        return 3 + 1 + (2 * (int)Listpack.ReadInt(_buffer, ref pos)) + 1;
    }

    /// <summary>Finds the master fields and every entry's offset, live count and last ID in a stored body.</summary>
    private void Index()
    {
        var lp = _buffer.AsSpan(0, _length);
        var pos = 0;
        _masterFields = new byte[Listpack.ReadInt(lp, ref pos)][];
        for (var i = 0; i < _masterFields.Length; i++)
        {
            _masterFields[i] = Listpack.ReadBytes(lp, ref pos);
        }
        Listpack.ReadInt(lp, ref pos);
        var offsets = new List<int>();
        while (pos < lp.Length)
        {
            offsets.Add(pos);
            var flags = Listpack.ReadInt(lp, ref pos);
            Listpack.Skip(lp, ref pos);
            Listpack.Skip(lp, ref pos);
            var elements = (flags & FlagSameFields) != 0 ? _masterFields.Length : 2 * (int)Listpack.ReadInt(lp, ref pos);
            for (var i = 0; i < elements; i++)
            {
                Listpack.Skip(lp, ref pos);
            }
            Listpack.Skip(lp, ref pos);
            if ((flags & FlagDeleted) == 0)
            {
                LiveCount++;
            }
        }
        _offsets = [.. offsets];
        SlotCount = _offsets.Length;
        _last = SlotCount > 0 ? IdAt(SlotCount - 1) : _master;
    }

    private void Write(long v)
    {
        Reserve(9 + 1);
        _length += Listpack.WriteInt(_buffer.AsSpan(_length), v);
    }

    private void WriteString(byte[] s)
    {
        Reserve(s.Length + 5 + 5);
        _length += Listpack.WriteString(_buffer.AsSpan(_length), s);
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}
