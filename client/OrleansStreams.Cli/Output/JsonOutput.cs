using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansStreams.Client;

namespace OrleansStreams.Cli.Output;

/// <summary>The JSON shapes of docs/cli.md: entries as <c>{"id":…,"fields":{…}}</c>, one document per run.</summary>
internal static class JsonOutput
{
    /// <summary>Quotes and non-ASCII text stay readable (<c>"</c> not <c>\u0022</c>): the output goes to terminals and scripts, not HTML.</summary>
    public static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

    /// <summary>An entry; a repeated field name keeps its last value, as a JSON object must.</summary>
    public static JsonObject Entry(StreamMessage message)
    {
        var fields = new JsonObject();
        foreach (var field in message.Fields)
        {
            fields[field.Name] = field.Value;
        }
        return new JsonObject { ["id"] = message.Id.ToString(), ["fields"] = fields };
    }

    public static JsonNode? EntryOrNull(StreamMessage? message) => message is null ? null : Entry(message);

    public static void Write(JsonNode node) => Console.Out.WriteLine(node.ToJsonString(Indented));
}
