using System.Globalization;
using System.Text.Json;
using OrleansStreams.Streams;

namespace OrleansStreams.Processing;

/// <summary>
/// One event as the stateless steps see it: the source entry, its event time (ms) and typed fields
/// (string, long, double, bool, null, <see cref="List{T}"/> for JSON arrays, <see cref="Dictionary{TKey,TValue}"/>
/// for JSON objects). Steps may change it in place; flatMap clones it.
/// </summary>
public sealed class PipelineEvent
{
    public StreamEntryId Id { get; set; }

    /// <summary>Event time, milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; set; }

    public Dictionary<string, object?> Fields { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// An event from a stream entry's fields: text becomes long/double when it is that number's canonical
    /// form (docs/pipelines.md), else stays a string. When <paramref name="jsonField"/> names a field, its JSON
    /// object's properties replace it (nested objects and arrays kept as Dictionary/List).
    /// </summary>
    /// <exception cref="PipelineEventException">The JSON field is present but not a JSON object.</exception>
    public static PipelineEvent FromFields(StreamEntryId id, IReadOnlyList<KeyValuePair<string, string>> fields, string? jsonField)
    {
        var e = new PipelineEvent { Id = id, Timestamp = (long)Math.Min(id.Ms, long.MaxValue) };
        string? json = null;
        for (var i = 0; i < fields.Count; i++)
        {
            var (name, value) = fields[i];
            if (jsonField is not null && name == jsonField)
            {
                json = value;
                continue;
            }
            e.Fields[name] = EventValues.FromText(value);
        }
        if (json is not null)
        {
            MergeJson(e, jsonField!, json);
        }
        return e;
    }

    /// <summary>The fields for a sink, in order: invariant numbers, doubles round-trip, nested values as JSON; null fields are left out.</summary>
    public List<KeyValuePair<string, string>> ToFields()
    {
        var result = new List<KeyValuePair<string, string>>(Fields.Count);
        foreach (var (name, value) in Fields)
        {
            if (EventValues.ToText(value) is { } text)
            {
                result.Add(new(name, text));
            }
        }
        return result;
    }

    /// <summary>The field converted to <typeparamref name="T"/> (string, long, int, double, bool, or the stored type); default when missing or null.</summary>
    public T? Get<T>(string name)
    {
        if (!Fields.TryGetValue(name, out var value) || value is null)
        {
            return default;
        }
        if (value is T typed)
        {
            return typed;
        }
        if (typeof(T) == typeof(string))
        {
            return (T)(object)EventValues.ToText(value)!;
        }
        var text = value as string;
        object? converted = typeof(T) switch
        {
            var t when t == typeof(long) || t == typeof(long?) => text is null ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : long.Parse(text, CultureInfo.InvariantCulture),
            var t when t == typeof(int) || t == typeof(int?) => text is null ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : int.Parse(text, CultureInfo.InvariantCulture),
            var t when t == typeof(double) || t == typeof(double?) => text is null ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : double.Parse(text, CultureInfo.InvariantCulture),
            var t when t == typeof(bool) || t == typeof(bool?) => text is null ? Convert.ToBoolean(value, CultureInfo.InvariantCulture) : bool.Parse(text),
            _ => throw new InvalidCastException($"field '{name}' holds {value.GetType().Name}, not {typeof(T).Name}"),
        };
        return (T)converted;
    }

    /// <summary>Sets a field; returns this event for chaining in map functions.</summary>
    public PipelineEvent Set(string name, object? value)
    {
        Fields[name] = value;
        return this;
    }

    /// <summary>A copy with its own field dictionary (nested values shared).</summary>
    public PipelineEvent Clone() => new() { Id = Id, Timestamp = Timestamp, Fields = new(Fields, StringComparer.Ordinal) };

    private static void MergeJson(PipelineEvent e, string jsonField, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PipelineEventException($"field '{jsonField}' is not a JSON object");
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                e.Fields[property.Name] = EventValues.FromJson(property.Value);
            }
        }
        catch (JsonException ex)
        {
            throw new PipelineEventException($"field '{jsonField}' is not valid JSON: {ex.Message}", ex);
        }
    }
}
