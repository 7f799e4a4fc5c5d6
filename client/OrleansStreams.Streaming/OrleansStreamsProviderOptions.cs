using System.Text.Json;
using OrleansStreams.Client;

namespace OrleansStreams.Streaming;

/// <summary>
/// The options of an OrleansStreams stream provider: which topics it serves and how entries become
/// Orleans stream items. Validated when the silo or client starts (<see cref="Validate"/>).
/// </summary>
public sealed class OrleansStreamsProviderOptions
{
    /// <summary>The topics served; each topic is an Orleans stream namespace.</summary>
    public IList<string> Topics { get; } = [];

    /// <summary>
    /// Partitions per topic (absent: 1). A topic with one partition is the plain stream named like the topic;
    /// with N &gt; 1 partitions it is the streams <c>{topic}:0</c> … <c>{topic}:{N-1}</c>.
    /// </summary>
    public IDictionary<string, int> Partitions { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>
    /// The field whose value is an entry's Orleans stream key; null: the key is the partition's stream
    /// name. Written items whose key is not a partition's name get this field when they lack it.
    /// </summary>
    public string? KeyField { get; set; }

    /// <summary>The logical database of the streams (as SELECT).</summary>
    public int Database { get; set; }

    /// <summary>Entries each partition's cache holds (Orleans' simple queue cache); a resuming subscriber can go back no further.</summary>
    public int CacheSize { get; set; } = 4096;

    /// <summary>Entries read from a partition per poll, at most.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How often each partition is polled for new entries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Create the provider's consumer group at the start of each stream (<c>0</c>), so entries written
    /// before the provider first ran are delivered; false: at the end (<c>$</c>).
    /// </summary>
    public bool StartFromBeginning { get; set; } = true;

    /// <summary>How typed items are stored: each property a field, or the JSON of the item in one field.</summary>
    public EntryFormat EntryFormat { get; set; } = EntryFormat.Fields;

    /// <summary>The field that holds the JSON with <see cref="EntryFormat.JsonField"/>.</summary>
    public string JsonFieldName { get; set; } = "data";

    /// <summary>System.Text.Json options for typed items; null: web defaults (camelCase).</summary>
    public JsonSerializerOptions? JsonOptions { get; set; }

    /// <summary>The number of partitions of <paramref name="topic"/>.</summary>
    public int PartitionsOf(string topic) => Partitions.TryGetValue(topic, out var n) ? n : 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the provider and the setting when the options cannot work.</summary>
    public void Validate(string providerName)
    {
        void Fail(string message) => throw new ArgumentException($"Stream provider '{providerName}': {message}");

        if (Topics.Count == 0)
        {
            Fail("Topics is empty; name at least one topic.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in Topics)
        {
            if (string.IsNullOrEmpty(topic))
            {
                Fail("a topic name is empty.");
            }
            if (!seen.Add(topic))
            {
                Fail($"topic '{topic}' is listed twice.");
            }
        }
        foreach (var (topic, count) in Partitions)
        {
            if (!seen.Contains(topic))
            {
                Fail($"Partitions names '{topic}', which is not in Topics.");
            }
            if (count < 1)
            {
                Fail($"topic '{topic}' has {count} partitions; it needs at least 1.");
            }
        }
        if (KeyField is { Length: 0 })
        {
            Fail("KeyField is empty; leave it null for no key field.");
        }
        if (Database is < 0 or > 15)
        {
            Fail($"Database must be between 0 and 15, not {Database}.");
        }
        if (CacheSize < 1)
        {
            Fail($"CacheSize must be at least 1, not {CacheSize}.");
        }
        if (BatchSize < 1)
        {
            Fail($"BatchSize must be at least 1, not {BatchSize}.");
        }
        if (PollInterval <= TimeSpan.Zero)
        {
            Fail($"PollInterval must be positive, not {PollInterval}.");
        }
        if (EntryFormat == EntryFormat.JsonField && string.IsNullOrEmpty(JsonFieldName))
        {
            Fail("JsonFieldName is empty while EntryFormat is JsonField.");
        }
    }

    /// <summary>The SDK options the provider's <see cref="StreamClient"/> runs with.</summary>
    internal OrleansStreamsClientOptions ClientOptions() => new()
    {
        Database = Database,
        EntryFormat = EntryFormat,
        JsonFieldName = JsonFieldName,
        JsonOptions = JsonOptions,
    };
}
