using System.Text.Json;

namespace OrleansStreams.Processing;

/// <summary>
/// Reads one JSON object of a definition: typed property reads whose errors name the JSON path, and
/// <see cref="Done"/>, which rejects every property that no read asked for.
/// </summary>
internal sealed class JsonDefinitionReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public JsonDefinitionReader(JsonElement element, string path)
    {
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, "must be an object");
        }
        _element = element;
    }

    public string Path { get; }

    public string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public static PipelineDefinitionException Fail(string path, string problem) => new($"{path} {problem}");

    public bool Has(string name) => _element.TryGetProperty(name, out _);

    public JsonElement? Element(string name)
    {
        _read.Add(name);
        return _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public JsonDefinitionReader? Object(string name) => Element(name) is { } value ? new(value, PathOf(name)) : null;

    public string? String(string name)
    {
        if (Element(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            throw Fail(PathOf(name), "must be a non-empty string");
        }
        return text;
    }

    public string RequiredString(string name) => String(name) ?? throw Fail(PathOf(name), "is required");

    /// <summary>An integer property that must be positive (or, with <paramref name="allowZero"/>, not negative).</summary>
    public long? Integer(string name, bool allowZero = false)
    {
        if (Element(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < 0 || (n == 0 && !allowZero))
        {
            throw Fail(PathOf(name), allowZero ? "must be a non-negative integer" : PlanRules.PositiveInteger);
        }
        return n;
    }

    public long RequiredInteger(string name) => Integer(name) ?? throw Fail(PathOf(name), PlanRules.PositiveInteger);

    public string[]? Strings(string name)
    {
        if (Element(name) is not { } value)
        {
            return null;
        }
        return StringsOf(value, PathOf(name));
    }

    public static string[] StringsOf(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
            || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 }))
        {
            throw Fail(path, "must be a non-empty array of non-empty strings");
        }
        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>One of <paramref name="names"/>, matched ignoring case; null when the property is absent.</summary>
    public string? OneOf(string name, params string[] names)
    {
        if (String(name) is not { } text)
        {
            return null;
        }
        return names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
            ?? throw Fail(PathOf(name), $"must be one of {string.Join(", ", names)}");
    }

    /// <summary>How many of <paramref name="names"/> are present.</summary>
    public int CountOf(params string[] names) => names.Count(Has);

    /// <summary>Rejects the properties nothing read.</summary>
    public void Done()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                throw Fail(PathOf(property.Name), "is not a known property");
            }
        }
    }
}
