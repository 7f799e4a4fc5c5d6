using OrleansStreams.Grains;

namespace OrleansStreams.Cluster;

/// <summary>The hash slot of a slot-placed grain: the slot of the Redis key its grain key embeds.</summary>
public static class GrainSlots
{
    /// <summary>
    /// The slot of <paramref name="grainKey"/>: a stream key (<c>db/partition/name</c>), a group key
    /// (<c>length:group/streamKey</c>) or a source reader key (<c>incarnation|length:pipeline|streamKey</c>),
    /// told apart by the first character after the leading digits. False for a key that embeds no stream key
    /// (a pipeline reading a memory source): such a grain has no slot.
    /// </summary>
    public static bool TryOf(string grainKey, out int slot)
    {
        slot = -1;
        var streamKey = LeadingDigits(grainKey) is var i && i < grainKey.Length ? grainKey[i] switch
        {
            '/' => grainKey,
            ':' => GrainKeys.ParseGroup(grainKey).StreamKey,
            '|' => PipelineKeys.ParseReader(grainKey).StreamKey,
            _ => null,
        } : null;
        if (streamKey is null || !IsStreamKey(streamKey))
        {
            return false;
        }
        slot = HashSlot.Of(GrainKeys.ParseStream(streamKey).Name);
        return true;
    }

    /// <summary>True for <c>db/partition/name</c>.</summary>
    private static bool IsStreamKey(string key)
    {
        var first = LeadingDigits(key);
        if (first == 0 || first >= key.Length || key[first] != '/')
        {
            return false;
        }
        var second = LeadingDigits(key, first + 1);
        return second > first + 1 && second < key.Length && key[second] == '/';
    }

    private static int LeadingDigits(string text, int start = 0)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        return i;
    }
}
