using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansStreams.Processing;

/// <summary>
/// Conversions between stream field text and typed event values (string, long, double, bool, null,
/// <see cref="List{T}"/> of values, <see cref="Dictionary{TKey,TValue}"/> of values). Text becomes a
/// number only when it is that number's canonical form, so text → value → text is the identity.
/// </summary>
public static class EventValues
{
    /// <summary>A field's text as a value: a canonical integer → long, a canonical round-trip double → double, else the string.</summary>
    public static object FromText(string text)
    {
        if (text.Length == 0 || text.Length > 32)
        {
            return text;
        }
        var c = text[0];
        if (c != '-' && (c < '0' || c > '9'))
        {
            return text;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l.ToString(CultureInfo.InvariantCulture) == text ? l : text;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return d.ToString("R", CultureInfo.InvariantCulture) == text ? d : text;
        }
        return text;
    }

    /// <summary>A value as field text: invariant numbers (doubles round-trip), <c>true</c>/<c>false</c>, nested values as JSON; null → null.</summary>
    public static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => ToJson(value),
    };

    /// <summary>A value as JSON text.</summary>
    public static string ToJson(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A JSON element as a value: integers that fit → long, other numbers → double, arrays → List, objects → Dictionary.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => ObjectFromJson(element),
        _ => null,
    };

    internal static Dictionary<string, object?> ObjectFromJson(JsonElement element)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = FromJson(property.Value);
        }
        return result;
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case double d: writer.WriteStringValue(d.ToString("R", CultureInfo.InvariantCulture)); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (name, item) in map)
                {
                    writer.WritePropertyName(name);
                    Write(writer, item);
                }
                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
