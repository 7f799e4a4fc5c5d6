namespace OrleansStreams.Processing;

/// <summary>
/// The pipeline's watermark from its source partitions' watermarks: the minimum over the partitions that are
/// not idle; when all are idle, the maximum over all (nothing holds time back); <see cref="long.MinValue"/> while
/// none is known. Neither a partition's watermark nor <see cref="Current"/> ever goes backwards, so a stale or
/// re-ordered update is harmless.
/// </summary>
public sealed class PartitionWatermarks
{
    private readonly Dictionary<string, (long Watermark, bool Idle)> _partitions = new(StringComparer.Ordinal);

    /// <summary>The combined watermark, the highest value ever computed.</summary>
    public long Current { get; private set; } = long.MinValue;

    /// <summary>Each partition's latest watermark and idleness.</summary>
    public IReadOnlyDictionary<string, (long Watermark, bool Idle)> Partitions => _partitions;

    /// <summary>Records a partition's watermark; one below what the partition already reported is ignored (with its idle flag).</summary>
    public void Update(string partition, long watermark, bool idle)
    {
        if (_partitions.TryGetValue(partition, out var known) && watermark < known.Watermark)
        {
            return;
        }
        _partitions[partition] = (watermark, idle);
        Recompute();
    }

    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(Current);
        writer.Write7BitEncodedInt(_partitions.Count);
        foreach (var (name, (watermark, idle)) in _partitions)
        {
            writer.Write(name);
            writer.Write(watermark);
            writer.Write(idle);
        }
    }

    public static PartitionWatermarks ReadFrom(BinaryReader reader)
    {
        var result = new PartitionWatermarks { Current = reader.ReadInt64() };
        for (var i = reader.Read7BitEncodedInt(); i > 0; i--)
        {
            result._partitions[reader.ReadString()] = (reader.ReadInt64(), reader.ReadBoolean());
        }
        return result;
    }

    private void Recompute()
    {
        var active = long.MaxValue;
        var all = long.MinValue;
        var anyActive = false;
        foreach (var (watermark, idle) in _partitions.Values)
        {
            all = Math.Max(all, watermark);
            if (!idle)
            {
                anyActive = true;
                active = Math.Min(active, watermark);
            }
        }
        Current = Math.Max(Current, anyActive ? active : all);
    }
}
