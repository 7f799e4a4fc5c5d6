using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansStreams.Client;

namespace OrleansStreams.Cli.Input;

/// <summary>
/// One line of <c>produce</c>'s input as an entry's fields: a JSON object (each property a field, strings as
/// they are and other values as JSON text, as the SDK's serializer writes them) or <c>field=value</c> words,
/// a value in double quotes when it holds spaces (<c>\"</c> and <c>\\</c> escape inside).
/// </summary>
internal static class FieldLines
{
    public static IReadOnlyList<StreamField> Parse(string line, int lineNumber)
    {
        var text = line.Trim();
        var fields = text.StartsWith('{') ? FromJson(text, lineNumber) : FromPairs(text, lineNumber);
        return fields.Count > 0 ? fields : throw new UsageException($"line {lineNumber}: an entry needs at least one field");
    }

    private static List<StreamField> FromJson(string text, int lineNumber)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(text) as JsonObject ?? throw new UsageException($"line {lineNumber}: not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"line {lineNumber}: invalid JSON ({ex.Message})");
        }
        return [.. EntrySerializer.Default.Serialize(obj)];
    }

    private static List<StreamField> FromPairs(string text, int lineNumber)
    {
        var fields = new List<StreamField>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            if (i == text.Length)
            {
                return fields;
            }
            var name = Word(text, ref i, lineNumber, stopAtEquals: true);
            if (i >= text.Length || text[i] != '=' || name.Length == 0)
            {
                throw new UsageException($"line {lineNumber}: expected field=value at column {i + 1}");
            }
            i++;
            fields.Add(new(name, Word(text, ref i, lineNumber, stopAtEquals: false)));
        }
    }

    /// <summary>A bare word up to whitespace (or '=', for a name), or a double-quoted one.</summary>
    private static string Word(string text, ref int i, int lineNumber, bool stopAtEquals)
    {
        var word = new StringBuilder();
        if (i < text.Length && text[i] == '"')
        {
            for (i++; i < text.Length && text[i] != '"'; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }
                word.Append(text[i]);
            }
            if (i == text.Length)
            {
                throw new UsageException($"line {lineNumber}: unterminated quote");
            }
            i++;
            return word.ToString();
        }
        for (; i < text.Length && !char.IsWhiteSpace(text[i]) && !(stopAtEquals && text[i] == '='); i++)
        {
            word.Append(text[i]);
        }
        return word.ToString();
    }
}
