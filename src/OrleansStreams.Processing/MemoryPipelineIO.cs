using System.Collections.Concurrent;
using OrleansStreams.Streams;

namespace OrleansStreams.Processing;

/// <summary>
/// Process-wide named memory sources and sinks, for tests: a test appends entries to a source and reads the
/// results a pipeline wrote to a sink. Entry IDs of a source are 0-1, 0-2, … unless given.
/// </summary>
public static class MemoryPipelineIO
{
    private static readonly ConcurrentDictionary<string, Channel> Sources = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Channel> Sinks = new(StringComparer.Ordinal);

    /// <summary>Appends an entry to a memory source; returns its ID.</summary>
    public static StreamEntryId Append(string source, IReadOnlyList<KeyValuePair<string, string>> fields, StreamEntryId? id = null) =>
        Sources.GetOrAdd(source, _ => new()).Append(fields, id);

    /// <summary>The entries of a memory source after <paramref name="after"/>, at most <paramref name="count"/>.</summary>
    public static IReadOnlyList<StreamEntry> ReadSource(string source, StreamEntryId after, int count) =>
        Sources.TryGetValue(source, out var channel) ? channel.ReadAfter(after, count) : [];

    /// <summary>Appends a result to a memory sink (the runtime's side).</summary>
    public static StreamEntryId Write(string sink, IReadOnlyList<KeyValuePair<string, string>> fields) =>
        Sinks.GetOrAdd(sink, _ => new()).Append(fields, null);

    /// <summary>Everything written to a memory sink so far.</summary>
    public static IReadOnlyList<StreamEntry> ReadSink(string sink) =>
        Sinks.TryGetValue(sink, out var channel) ? channel.ReadAfter(StreamEntryId.Min, int.MaxValue) : [];

    /// <summary>Forgets a source and a sink of that name (test clean-up).</summary>
    public static void Clear(string name)
    {
        Sources.TryRemove(name, out _);
        Sinks.TryRemove(name, out _);
    }

    /// <summary>One entry of a memory source or sink.</summary>
    public sealed record StreamEntry(StreamEntryId Id, IReadOnlyList<KeyValuePair<string, string>> Fields);

    private sealed class Channel
    {
        private readonly List<StreamEntry> _entries = [];
        private StreamEntryId _last = StreamEntryId.Min;

        public StreamEntryId Append(IReadOnlyList<KeyValuePair<string, string>> fields, StreamEntryId? id)
        {
            lock (_entries)
            {
                var next = id ?? _last.Next()!.Value;
                if (next <= _last && _entries.Count > 0)
                {
                    throw new ArgumentException($"entry ID {next} is not above the last ID {_last}", nameof(id));
                }
                _last = next;
                _entries.Add(new StreamEntry(next, [.. fields]));
                return next;
            }
        }

        public IReadOnlyList<StreamEntry> ReadAfter(StreamEntryId after, int count)
        {
            lock (_entries)
            {
                return [.. _entries.Where(e => e.Id > after).Take(count)];
            }
        }
    }
}
