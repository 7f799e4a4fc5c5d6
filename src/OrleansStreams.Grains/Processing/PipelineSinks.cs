using System.Text;
using OrleansStreams.Grains;
using OrleansStreams.Keyspace;
using OrleansStreams.Streams;

namespace OrleansStreams.Processing;

/// <summary>Where an outbox item goes: the pipeline's sink, the late side output, or the error stream.</summary>
public enum SinkTarget : byte
{
    Sink = 0,
    Late = 1,
    Errors = 2,
}

/// <summary>One item on its way out: the key it belongs to, its window start (hash layout), its fields, and where it goes.</summary>
public sealed record SinkItem(string Key, long WindowStart, KeyValuePair<string, string>[] Fields, SinkTarget Target = SinkTarget.Sink);

/// <summary>Writes results, late events and errors where a pipeline sends them, through the same typed grain calls as the RESP gateway.</summary>
public static class PipelineSinks
{
    public static Task WriteAsync(IGrainFactory grains, SinkSpec sink, IReadOnlyList<SinkItem> items) => sink switch
    {
        SinkSpec.Stream s => AppendAsync(grains, s.Name, items.Select(i => i.Fields).ToList(), s.MaxLen),
        SinkSpec.Hash h => HashAsync(grains, h.Prefix, items, h.TtlMs),
        SinkSpec.Memory m => WriteMemory(m.Name, items),
        _ => throw new InvalidOperationException($"Unknown sink {sink}."),
    };

    private static Task WriteMemory(string name, IReadOnlyList<SinkItem> items)
    {
        foreach (var item in items)
        {
            MemoryPipelineIO.Write(name, item.Fields);
        }
        return Task.CompletedTask;
    }

    /// <summary>Appends entries (XADD * …) to a stream in one grain call; fails when the key holds another type.</summary>
    public static async Task AppendAsync(IGrainFactory grains, string stream, IReadOnlyList<KeyValuePair<string, string>[]> entries, long? maxLen = null)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var trim = maxLen is { } max ? StreamTrim.ToMaxLength(max, approx: true) : StreamTrim.None;
        var operations = new StreamOperation[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            operations[i] = StreamOperation.Append.Auto(Flatten(entries[i]), trim);
        }
        var grain = grains.GetGrain<IStreamPartitionGrain>(PipelinePartitions.StreamKey(stream));
        var results = await grain.Execute(new(operations));
        foreach (var result in results)
        {
            if (result is StreamResult.Failed failed)
            {
                throw new InvalidOperationException($"Cannot append to stream '{stream}': {failed.Error}.");
            }
        }
    }

    /// <summary>Keeps each result as the hash <c>{prefix}:{key}:{window_start}</c> (HSET), optionally expiring.</summary>
    private static async Task HashAsync(IGrainFactory grains, string prefix, IReadOnlyList<SinkItem> items, long? ttlMs)
    {
        var operations = new List<KeyspaceOperation>(items.Count * 2);
        foreach (var item in items)
        {
            var key = Encoding.UTF8.GetBytes(HashKey(prefix, item));
            operations.Add(new KeyspaceOperation.HSet(key, Flatten(HashFields(item)), false));
            if (ttlMs is { } ttl)
            {
                operations.Add(new KeyspaceOperation.Expire(key, ttl, false, false, ExpireCondition.None));
            }
        }
        if (operations.Count > 0)
        {
            await grains.GetGrain<IDatabaseGrain>(0).Execute(new(operations.ToArray()));
        }
    }

    /// <summary>The hash key of a result: <c>{prefix}:{key}:{window_start}</c>, or <c>{prefix}:{key}</c> for results without a window.</summary>
    public static string HashKey(string prefix, SinkItem item) =>
        item.WindowStart == long.MinValue ? $"{prefix}:{item.Key}" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}:{item.Key}:{item.WindowStart}");

    /// <summary>A result's hash fields: all but <c>key</c> and <c>window_start</c>, which the hash key already holds.</summary>
    public static KeyValuePair<string, string>[] HashFields(SinkItem item) =>
        item.Fields.Where(f => f.Key is not ("key" or "window_start")).ToArray();

    private static byte[][] Flatten(KeyValuePair<string, string>[] fields)
    {
        var flat = new byte[fields.Length * 2][];
        for (var i = 0; i < fields.Length; i++)
        {
            flat[2 * i] = Encoding.UTF8.GetBytes(fields[i].Key);
            flat[2 * i + 1] = Encoding.UTF8.GetBytes(fields[i].Value);
        }
        return flat;
    }
}
