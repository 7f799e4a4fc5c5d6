using OrleansStreams.Streams;

namespace OrleansStreams.Processing.UnitTests;

internal static class TestData
{
    public const string Sample = """
        {"source":{"stream":"clicks","from":"0","eventTime":"ts"},
         "watermark":{"type":"bounded","maxOutOfOrderMs":5000},
         "steps":[{"filter":"type == 'click'"},{"keyBy":"page"},
                  {"window":{"type":"tumbling","sizeMs":60000}},
                  {"aggregate":[{"op":"count","as":"views"}]}],
         "late":{"policy":"drop"},
         "sink":{"stream":"pageviews"}}
        """;

    public static List<KeyValuePair<string, string>> Fields(params string[] flat)
    {
        var result = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < flat.Length; i += 2)
        {
            result.Add(new(flat[i], flat[i + 1]));
        }
        return result;
    }

    public static List<KeyedEvent> Prepare(PipelinePlan plan, ulong ms, params string[] flat)
    {
        var output = new List<KeyedEvent>();
        plan.Prepare(new StreamEntryId(ms, 0), Fields(flat), output);
        return output;
    }

    public static PipelineEvent Event(params string[] flat) => PipelineEvent.FromFields(new StreamEntryId(1, 0), Fields(flat), null);
}

/// <summary>Keyed state over a dictionary, JSON round-tripped like the real store.</summary>
internal sealed class DictionaryKeyedState(string key) : IKeyedState
{
    private readonly Dictionary<string, string> _values = [];

    public string Key { get; } = key;

    public T? Get<T>(string name) => _values.TryGetValue(name, out var json) ? System.Text.Json.JsonSerializer.Deserialize<T>(json) : default;

    public void Put<T>(string name, T value, TimeSpan? ttl = null) => _values[name] = System.Text.Json.JsonSerializer.Serialize(value);

    public T Update<T>(string name, Func<T?, T> update, TimeSpan? ttl = null)
    {
        var value = update(Get<T>(name));
        Put(name, value, ttl);
        return value;
    }

    public bool Delete(string name) => _values.Remove(name);
}
