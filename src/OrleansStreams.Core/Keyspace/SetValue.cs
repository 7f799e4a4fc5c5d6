using OrleansStreams.Parsing;

namespace OrleansStreams.Keyspace;

/// <summary>
/// A set. While every member is a canonical integer and there are at most 512 of them, Redis keeps an intset and
/// replies in numeric order: <see cref="IsIntSet"/> mimics that (one-way, as in Redis). Otherwise members are
/// returned in insertion order.
/// </summary>
internal sealed class SetValue
{
    public const int MaxIntSetEntries = 512;

    public OrderedDictionary<byte[], bool> Members { get; } = new(ByteArrayComparer.Instance);

    public bool IsIntSet { get; set; } = true;

    public int Count => Members.Count;

    public bool Add(byte[] member)
    {
        if (!Members.TryAdd(member, true))
        {
            return false;
        }
        if (IsIntSet && (Members.Count > MaxIntSetEntries || !ArgParser.TryParseInt64(member, out _)))
        {
            IsIntSet = false;
        }
        return true;
    }

    public bool Remove(byte[] member) => Members.Remove(member);

    public bool Contains(byte[] member) => Members.ContainsKey(member);

    /// <summary>Members in the order Redis would reply with for a small set.</summary>
    public IEnumerable<byte[]> Ordered()
    {
        if (!IsIntSet)
        {
            return Members.Keys;
        }
        return Members.Keys.OrderBy(m => ArgParser.TryParseInt64(m, out var v) ? v : 0);
    }
}
