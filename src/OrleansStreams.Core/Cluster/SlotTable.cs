using System.Text;

namespace OrleansStreams.Cluster;

/// <summary>
/// The owner of each of the 16,384 hash slots among a set of nodes: a pure function of the set, so every
/// silo that sees the same membership computes the same table. The slots are cut into
/// <see cref="Blocks"/> blocks of <see cref="SlotsPerBlock"/> consecutive slots, and each block goes to the
/// node with the highest rendezvous score for it (highest random weight hashing). When a node joins it takes
/// about 1/N of the blocks, each from whichever node held it; when one leaves only its blocks move. A
/// table has at most <see cref="Blocks"/> contiguous ranges (CLUSTER SLOTS stays bounded).
/// </summary>
public sealed class SlotTable
{
    /// <summary>Number of blocks: enough for an even spread over a few dozen nodes, few enough ranges for CLUSTER SLOTS.</summary>
    public const int Blocks = 1024;

    public const int SlotsPerBlock = HashSlot.Count / Blocks;

    private readonly short[] _ownerOfBlock;

    private SlotTable(IReadOnlyList<string> nodes, short[] ownerOfBlock)
    {
        Nodes = nodes;
        _ownerOfBlock = ownerOfBlock;
    }

    /// <summary>A table without nodes: every slot is unowned.</summary>
    public static SlotTable Empty { get; } = new([], []);

    /// <summary>The nodes, distinct and in ordinal order; <see cref="OwnerOf"/> indexes this list.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>Assigns every slot to one of <paramref name="nodes"/> (names such as <c>10.0.0.5:11111</c>; order and repeats do not matter).</summary>
    public static SlotTable Assign(IEnumerable<string> nodes)
    {
        var sorted = nodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sorted.Length, short.MaxValue, nameof(nodes));
        var seeds = Array.ConvertAll(sorted, NodeSeed);
        var owners = new short[Blocks];
        for (var block = 0; block < Blocks; block++)
        {
            var best = 0;
            var bestScore = Score(seeds[0], block);
            for (var n = 1; n < seeds.Length; n++)
            {
                // Ties go to the first name in ordinal order: strictly greater only.
                var score = Score(seeds[n], block);
                if (score > bestScore)
                {
                    (best, bestScore) = (n, score);
                }
            }
            owners[block] = (short)best;
        }
        return new SlotTable(sorted, owners);
    }

    /// <summary>Index in <see cref="Nodes"/> of the owner of <paramref name="slot"/>; -1 when the table has no nodes.</summary>
    public int OwnerOf(int slot) => _ownerOfBlock.Length == 0 ? -1 : _ownerOfBlock[slot / SlotsPerBlock];

    /// <summary>Name of the owner of <paramref name="slot"/>; null when the table has no nodes.</summary>
    public string? OwnerNameOf(int slot) => OwnerOf(slot) is var i and >= 0 ? Nodes[i] : null;

    /// <summary>The maximal runs of consecutive slots with one owner, in slot order.</summary>
    public IReadOnlyList<SlotRange> Ranges()
    {
        var ranges = new List<SlotRange>();
        for (var block = 0; block < _ownerOfBlock.Length; block++)
        {
            var owner = _ownerOfBlock[block];
            var start = block * SlotsPerBlock;
            var end = start + SlotsPerBlock - 1;
            if (ranges.Count > 0 && ranges[^1].Owner == owner)
            {
                ranges[^1] = ranges[^1] with { End = end };
            }
            else
            {
                ranges.Add(new SlotRange(start, end, owner));
            }
        }
        return ranges;
    }

    /// <summary>Number of slots owned by the node at <paramref name="node"/> in <see cref="Nodes"/>.</summary>
    public int SlotCountOf(int node) => _ownerOfBlock.Count(o => o == node) * SlotsPerBlock;

    /// <summary>A stable 64-bit hash of a node name (FNV-1a over its UTF-8 bytes, then mixed): never string.GetHashCode, which differs per process.</summary>
    private static ulong NodeSeed(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return Mix(hash);
    }

    private static ulong Score(ulong seed, int block) => Mix(seed ^ Mix(0x9E3779B97F4A7C15UL * (ulong)(block + 1)));

    /// <summary>The SplitMix64 finaliser: every input bit flips about half the output bits.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
