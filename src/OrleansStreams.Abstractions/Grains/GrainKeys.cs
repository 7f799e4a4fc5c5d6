using System.Text;

namespace OrleansStreams.Grains;

/// <summary>
/// Grain keys for keyspace objects. Key names are binary-safe in Redis; Latin-1 maps every byte
/// to one char and back, so a name survives the round trip through a string grain key.
/// </summary>
public static class GrainKeys
{
    public static string Stream(int db, ReadOnlySpan<byte> name, int partition = 0) =>
        $"{db}/{partition}/{Encoding.Latin1.GetString(name)}";

    public static (int Db, int Partition, byte[] Name) ParseStream(string key)
    {
        var first = key.IndexOf('/', StringComparison.Ordinal);
        var second = key.IndexOf('/', first + 1);
        return (int.Parse(key.AsSpan(0, first), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(key.AsSpan(first + 1, second - first - 1), System.Globalization.CultureInfo.InvariantCulture),
            Encoding.Latin1.GetBytes(key[(second + 1)..]));
    }

    /// <summary>A consumer group's key: the group name (length-prefixed) and its stream partition's key.</summary>
    public static string Group(string streamKey, string group) =>
        $"{group.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{group}/{streamKey}";

    public static (string StreamKey, string Group) ParseGroup(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var length = int.Parse(key.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
        return (key[(colon + 2 + length)..], key.Substring(colon + 1, length));
    }
}
