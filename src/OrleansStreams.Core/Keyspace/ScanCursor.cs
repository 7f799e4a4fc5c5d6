namespace OrleansStreams.Keyspace;

/// <summary>
/// Stateless SCAN cursors: items are visited in order of <see cref="ByteArrayComparer.StableHash"/> and the cursor
/// is the next hash value to visit. An item present for the whole scan is returned at least once, whatever is added
/// or removed meanwhile, like Redis' reverse-binary cursor; items sharing a hash always come in the same batch.
/// </summary>
internal static class ScanCursor
{
    /// <summary>The next batch of at least <paramref name="count"/> items (fewer at the end) from <paramref name="cursor"/>.</summary>
    public static List<T> Page<T>(IEnumerable<T> items, Func<T, byte[]> keyOf, ulong cursor, long count, out ulong next)
    {
        var candidates = new List<(uint Hash, T Item)>();
        foreach (var item in items)
        {
            var hash = ByteArrayComparer.StableHash(keyOf(item));
            if (hash >= cursor)
            {
                candidates.Add((hash, item));
            }
        }
        next = 0;
        if (candidates.Count <= count)
        {
            return candidates.ConvertAll(c => c.Item);
        }
        candidates.Sort(static (x, y) => x.Hash.CompareTo(y.Hash));
        var threshold = candidates[(int)count - 1].Hash;
        var page = candidates.TakeWhile(c => c.Hash <= threshold).Select(c => c.Item).ToList();
        if (page.Count < candidates.Count)
        {
            next = threshold + 1UL;
        }
        return page;
    }
}
