using OrleansStreams.Grains;

namespace OrleansStreams.Cluster;

/// <summary>The hash slot of a slot-placed grain: the slot of the Redis key its grain key embeds.</summary>
public static class GrainSlots
{
    /// <summary>
    /// The slot of <paramref name="grainKey"/>: a stream key (<c>db/partition/name</c>), a group key
    /// (<c>length:group/streamKey</c>) or a source reader key (<c>incarnation|length:pipeline|streamKey</c>),
    /// told apart by the first character after the leading digits.
    /// </summary>
    public static int Of(string grainKey) => HashSlot.Of(GrainKeys.ParseStream(StreamKeyOf(grainKey)).Name);

    /// <summary>The stream key inside <paramref name="grainKey"/>.</summary>
    public static string StreamKeyOf(string grainKey)
    {
        var i = 0;
        while (i < grainKey.Length && char.IsAsciiDigit(grainKey[i]))
        {
            i++;
        }
        return i < grainKey.Length ? grainKey[i] switch
        {
            '/' => grainKey,
            ':' => GrainKeys.ParseGroup(grainKey).StreamKey,
            '|' => PipelineKeys.ParseReader(grainKey).StreamKey,
            _ => throw new ArgumentException($"'{grainKey}' is not a stream, group or reader key.", nameof(grainKey)),
        } : throw new ArgumentException($"'{grainKey}' is not a stream, group or reader key.", nameof(grainKey));
    }
}
