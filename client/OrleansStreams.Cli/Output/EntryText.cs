using System.Text;
using OrleansStreams.Client;

namespace OrleansStreams.Cli.Output;

/// <summary>An entry as one text line, <c>id field=value …</c>, quoted so that <c>produce</c> reads the fields back.</summary>
internal static class EntryText
{
    public static string Format(StreamMessage message)
    {
        var line = new StringBuilder(message.Id.ToString());
        foreach (var field in message.Fields)
        {
            line.Append(' ').Append(Quote(field.Name)).Append('=').Append(Quote(field.Value));
        }
        return line.ToString();
    }

    /// <summary>A word as it is, or in double quotes with <c>\"</c> and <c>\\</c> when it is empty or holds spaces, quotes, backslashes or '='.</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '"' or '\\' or '='))
        {
            return word;
        }
        return "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
