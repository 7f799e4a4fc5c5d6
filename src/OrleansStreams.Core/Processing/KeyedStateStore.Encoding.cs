using System.Buffers.Binary;
using System.Text;

namespace OrleansStreams.Processing;

public sealed partial class KeyedStateStore
{
    /// <summary>
    /// The journal form of a change list: a count, then per change the key, the name, the value's length + 1
    /// (0 = delete) and bytes, and the expiry — 7-bit lengths and UTF-8 strings as <see cref="BinaryWriter"/> writes them.
    /// </summary>
    public static byte[] Encode(IReadOnlyList<KeyedStateChange> changes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write7BitEncodedInt(changes.Count);
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                WriteEntry(writer, change.Key, change.Name, change.Value, change.ExpiresAtMs);
            }
        }
        return buffer.ToArray();
    }

    public static List<KeyedStateChange> Decode(ReadOnlySpan<byte> data)
    {
        var reader = new SpanReader(data);
        var count = reader.ReadLength();
        var changes = new List<KeyedStateChange>(count);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var name = reader.ReadString();
            var length = reader.ReadLength();
            var value = length == 0 ? null : reader.ReadBytes(length - 1).ToArray();
            changes.Add(new KeyedStateChange(key, name, value, reader.ReadInt64()));
        }
        return changes;
    }

    /// <summary>One (key, name, value, expiry); a snapshot entry always has a value, a change may be a delete (null).</summary>
    private static void WriteEntry(BinaryWriter writer, string key, string name, byte[]? value, long expiresAtMs)
    {
        writer.Write(key);
        writer.Write(name);
        writer.Write7BitEncodedInt(value is null ? 0 : value.Length + 1);
        if (value is not null)
        {
            writer.Write(value);
        }
        writer.Write(expiresAtMs);
    }

    /// <summary>Reads what <see cref="BinaryWriter"/> wrote, straight from a span.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _data = data;

        public int ReadLength()
        {
            var result = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = ReadBytes(1)[0];
                result |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return result;
                }
            }
            throw new InvalidDataException("Bad 7-bit encoded length.");
        }

        public string ReadString() => Encoding.UTF8.GetString(ReadBytes(ReadLength()));

        public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

        public ReadOnlySpan<byte> ReadBytes(int count)
        {
            if (count < 0 || count > _data.Length)
            {
                throw new InvalidDataException("Keyed state change list is truncated.");
            }
            var bytes = _data[..count];
            _data = _data[count..];
            return bytes;
        }
    }
}
