using System.Collections.Frozen;
using System.Text.Json;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// Loading <c>RespCommandsInfo.json</c>. Key specifications and documentation are kept in the file
/// exactly as Redis reports them (RESP3 maps as JSON objects, in Redis' key order) and turned into
/// replies once, at load; the member name decides the RESP type where JSON cannot: <c>flags</c> and
/// <c>doc_flags</c> are sets of status strings, <c>history</c> a set of [version, text] pairs.
/// </summary>
public sealed partial class CommandTable
{
    private const string ResourceName = "RespCommandsInfo.json";

    /// <summary>Our own commands, module-style (docs group "module", as Redis reports module commands): PIPELINE.*.</summary>
    private const string ModuleResourceName = "PipelineCommandsInfo.json";

    /// <summary>Reads a table from JSON files in the format of the embedded <c>RespCommandsInfo.json</c>, in order.</summary>
    public static CommandTable Load(params Stream[] files)
    {
        var commands = new List<CommandInfo>();
        foreach (var json in files)
        {
            using var document = JsonDocument.Parse(json);
            commands.AddRange(document.RootElement.GetProperty("commands").EnumerateArray().Select(ReadCommand));
        }
        return new CommandTable(commands.ToArray());
    }

    private static Stream OpenEmbeddedJson(string name) =>
        typeof(CommandTable).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");

    private static CommandInfo ReadCommand(JsonElement json)
    {
        var subcommands = json.TryGetProperty("subcommands", out var subs)
            ? subs.EnumerateArray().Select(ReadCommand).ToArray()
            : [];
        var name = json.GetProperty("name").GetString()!;
        var flagNames = Strings(json, "flags");
        var aclCategories = Strings(json, "aclCategories");
        var tips = Strings(json, "tips");
        var docs = json.GetProperty("docs");
        var info = new CommandInfo
        {
            Name = name,
            Arity = json.GetProperty("arity").GetInt32(),
            Flags = ParseFlags(flagNames),
            FlagNames = flagNames,
            FirstKey = json.GetProperty("firstKey").GetInt32(),
            LastKey = json.GetProperty("lastKey").GetInt32(),
            Step = json.GetProperty("step").GetInt32(),
            AclCategories = aclCategories,
            Tips = tips,
            Summary = OptionalString(docs, "summary"),
            Since = OptionalString(docs, "since"),
            Group = OptionalString(docs, "group"),
            Complexity = OptionalString(docs, "complexity"),
            Subcommands = subcommands,
            SubcommandLookup = subcommands
                .ToFrozenDictionary(s => s.ShortName, StringComparer.OrdinalIgnoreCase)
                .GetAlternateLookup<ReadOnlySpan<char>>(),
            InfoReply = Reply.Array(
                Reply.Bulk(name),
                Reply.Integer(json.GetProperty("arity").GetInt32()),
                StatusSet(flagNames),
                Reply.Integer(json.GetProperty("firstKey").GetInt32()),
                Reply.Integer(json.GetProperty("lastKey").GetInt32()),
                Reply.Integer(json.GetProperty("step").GetInt32()),
                StatusSet(aclCategories),
                new ArrayReply(tips.Select(Reply.Bulk).ToArray()) { IsSet = true },
                new ArrayReply(json.GetProperty("keySpecs").EnumerateArray().Select(k => ToReply(k, null)).ToArray()) { IsSet = true },
                // Redis sends the subcommands as an array, but "none" as an empty set.
                new ArrayReply(subcommands.Select(s => s.InfoReply).ToArray()) { IsSet = subcommands.Length == 0 }),
            DocsReply = DocsReply(docs, subcommands),
        };
        foreach (var subcommand in subcommands)
        {
            subcommand.Parent = info;
        }
        return info;
    }

    private static Reply DocsReply(JsonElement docs, CommandInfo[] subcommands)
    {
        var fields = new List<Reply>();
        foreach (var property in docs.EnumerateObject())
        {
            fields.Add(Reply.Bulk(property.Name));
            fields.Add(ToReply(property.Value, property.Name));
        }
        if (subcommands.Length > 0)
        {
            fields.Add(Reply.Bulk("subcommands"));
            fields.Add(new MapReply(subcommands.SelectMany(s => new[] { Reply.Bulk(s.Name), s.DocsReply }).ToArray()));
        }
        return new MapReply([.. fields]);
    }

    /// <summary>Turns a JSON value into the reply Redis gives for it under the member <paramref name="name"/>.</summary>
    private static Reply ToReply(JsonElement value, string? name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return new MapReply(value.EnumerateObject()
                    .SelectMany(p => new[] { Reply.Bulk(p.Name), ToReply(p.Value, p.Name) })
                    .ToArray());
            case JsonValueKind.Array when name is "flags" or "doc_flags":
                return StatusSet(value.EnumerateArray().Select(v => v.GetString()!).ToArray());
            case JsonValueKind.Array when name is "history":
                return new ArrayReply(value.EnumerateArray().Select(v => ToReply(v, null)).ToArray()) { IsSet = true };
            case JsonValueKind.Array:
                return new ArrayReply(value.EnumerateArray().Select(v => ToReply(v, null)).ToArray());
            case JsonValueKind.String:
                return Reply.Bulk(value.GetString());
            case JsonValueKind.Number:
                return Reply.Integer(value.GetInt64());
            default:
                throw new InvalidDataException($"Unexpected JSON value {value.ValueKind} under '{name}' in {ResourceName}.");
        }
    }

    private static ArrayReply StatusSet(IEnumerable<string> values) =>
        new(values.Select(Reply.Simple).ToArray()) { IsSet = true };

    private static string[] Strings(JsonElement json, string name) =>
        json.GetProperty(name).EnumerateArray().Select(v => v.GetString()!).ToArray();

    private static string? OptionalString(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static CommandFlags ParseFlags(IEnumerable<string> names)
    {
        var flags = CommandFlags.None;
        foreach (var name in names)
        {
            // Redis spells multi-word flags with underscores (no_auth, allow_busy).
            if (Enum.TryParse<CommandFlags>(name.Replace("_", ""), ignoreCase: true, out var flag))
            {
                flags |= flag;
            }
        }
        return flags;
    }
}
