namespace OrleansStreams.Cluster;

/// <summary>
/// This node's current <see cref="SlotTable"/>: replaced whole when the set of active nodes changes (the
/// host follows membership and calls <see cref="Update"/>), read without locks by whoever needs a slot's
/// owner, and announced through <see cref="Changed"/>.
/// </summary>
public sealed class SlotOwnership
{
    private volatile SlotTable _table = SlotTable.Empty;

    /// <summary>This node's name in the table (e.g. <c>10.0.0.5:11111</c>); empty until the host sets it.</summary>
    public string LocalNode { get; set; } = "";

    public SlotTable Table => _table;

    /// <summary>Raised after <see cref="Table"/> changed, with the new table; handlers must be quick and not throw.</summary>
    public event Action<SlotTable>? Changed;

    /// <summary>True when this node owns <paramref name="slot"/>, or when no table is known yet (a lone node owns everything).</summary>
    public bool IsLocal(int slot) => _table.OwnerNameOf(slot) is not { } owner || owner == LocalNode;

    /// <summary>Replaces the table with the assignment over <paramref name="nodes"/>; returns false when the node set did not change.</summary>
    public bool Update(IEnumerable<string> nodes)
    {
        var set = nodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (set.SequenceEqual(_table.Nodes, StringComparer.Ordinal))
        {
            return false;
        }
        var table = SlotTable.Assign(set);
        _table = table;
        Changed?.Invoke(table);
        return true;
    }
}
