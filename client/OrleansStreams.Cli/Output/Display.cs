using System.Text.Json.Nodes;
using Spectre.Console;

namespace OrleansStreams.Cli.Output;

/// <summary>
/// One document, two renderings: with --json the JSON itself, otherwise a Spectre table built from the
/// same JSON (an object as a key/value table, an array of objects as rows), so the two never disagree.
/// </summary>
internal static class Display
{
    public static void Show(CliContext context, JsonNode document, string? title = null)
    {
        if (context.Json)
        {
            JsonOutput.Write(document);
            return;
        }
        AnsiConsole.Write(document is JsonArray rows ? Rows(rows, title) : KeyValues((JsonObject)document, title));
    }

    public static Table KeyValues(JsonObject document, string? title = null)
    {
        var table = NewTable(title, "field", "value");
        foreach (var (name, value) in document)
        {
            table.AddRow(new Text(name), new Text(Cell(value)));
        }
        return table;
    }

    /// <summary>Rows of an array of objects; the columns are every property name in order of first appearance.</summary>
    public static Table Rows(JsonArray rows, string? title = null)
    {
        var columns = rows.OfType<JsonObject>().SelectMany(r => r.Select(p => p.Key)).Distinct().ToArray();
        var table = NewTable(title, columns.Length == 0 ? ["(none)"] : columns);
        foreach (var row in rows.OfType<JsonObject>())
        {
            table.AddRow(columns.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(Cell(row[c]))));
        }
        return table;
    }

    /// <summary>A value as a cell: strings bare, nothing as '-', anything nested as compact JSON.</summary>
    public static string Cell(JsonNode? value) => value switch
    {
        null => "-",
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(JsonOutput.Compact),
    };

    private static Table NewTable(string? title, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title = new TableTitle(Markup.Escape(title));
        }
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }
        return table;
    }
}
