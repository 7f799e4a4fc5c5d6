using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansStreams.Client;

/// <summary>
/// Typed values to fields and back with System.Text.Json. <see cref="EntryFormat.Fields"/>: each
/// top-level property is a field, a string as its text and anything else as JSON text (numbers and
/// booleans read back from <c>"42"</c> and <c>"true"</c>); <see cref="EntryFormat.JsonField"/>: the value's JSON in one field.
/// </summary>
public sealed class EntrySerializer(EntryFormat format = EntryFormat.Fields, string jsonFieldName = "data", JsonSerializerOptions? options = null)
{
    public static readonly EntrySerializer Default = new();

    private readonly JsonSerializerOptions _options = WithFieldConverters(options);

    public EntryFormat Format { get; } = format;

    public string JsonFieldName { get; } = jsonFieldName;

    /// <summary>The fields of <paramref name="value"/>; a list of <see cref="StreamField"/> is taken as it is.</summary>
    public IReadOnlyList<StreamField> Serialize<T>(T value)
    {
        if (value is IEnumerable<StreamField> raw)
        {
            return raw as IReadOnlyList<StreamField> ?? [.. raw];
        }
        if (Format == EntryFormat.JsonField)
        {
            return [new(JsonFieldName, JsonSerializer.Serialize(value, _options))];
        }
        if (JsonSerializer.SerializeToNode(value, _options) is not JsonObject obj)
        {
            throw new ArgumentException($"A {typeof(T).Name} is not a JSON object, so it has no fields; use EntryFormat.JsonField.", nameof(value));
        }
        var fields = new List<StreamField>(obj.Count);
        foreach (var (name, node) in obj)
        {
            if (node is null)
            {
                continue;
            }
            fields.Add(new(name, node is JsonValue v && v.TryGetValue<string>(out var text) ? text : node.ToJsonString(_options)));
        }
        return fields;
    }

    /// <summary>A <typeparamref name="T"/> from an entry's fields.</summary>
    public T Deserialize<T>(IReadOnlyList<StreamField> fields)
    {
        if (Format == EntryFormat.JsonField)
        {
            foreach (var f in fields)
            {
                if (f.Name == JsonFieldName)
                {
                    return JsonSerializer.Deserialize<T>(f.Value, _options)!;
                }
            }
            throw new JsonException($"The entry has no field '{JsonFieldName}'.");
        }
        var obj = new JsonObject();
        foreach (var f in fields)
        {
            obj[f.Name] = ValueNode(f.Value);
        }
        return obj.Deserialize<T>(_options)!;
    }

    /// <summary>A field's text as JSON: an object or array when it holds one, else the string (numbers and booleans read from strings).</summary>
    private static JsonNode? ValueNode(string value)
    {
        if (value.Length > 0 && (value[0] == '{' || value[0] == '['))
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                // Not JSON after all: the text itself.
            }
        }
        return JsonValue.Create(value);
    }

    /// <summary>The options plus what field text needs: numbers and booleans read from strings.</summary>
    private static JsonSerializerOptions WithFieldConverters(JsonSerializerOptions? options)
    {
        var result = options is null ? new JsonSerializerOptions(JsonSerializerDefaults.Web) : new JsonSerializerOptions(options);
        result.NumberHandling |= System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString;
        result.Converters.Add(new BooleanFromText());
        return result;
    }

    /// <summary>Reads <c>true</c>/<c>false</c> as JSON or as field text; writes JSON booleans.</summary>
    private sealed class BooleanFromText : System.Text.Json.Serialization.JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when bool.TryParse(reader.GetString(), out var b) => b,
            _ => throw new JsonException($"Not a boolean: {reader.TokenType}."),
        };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }
}
