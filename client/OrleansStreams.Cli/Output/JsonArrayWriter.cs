using System.Text.Json.Nodes;

namespace OrleansStreams.Cli.Output;

/// <summary>
/// A JSON array written element by element as entries arrive (consume, tail), closed on dispose, so a
/// run stopped by Ctrl+C or --count still leaves one well-formed document.
/// </summary>
internal sealed class JsonArrayWriter(TextWriter writer) : IDisposable
{
    private bool _started;

    public void Add(JsonNode node)
    {
        writer.Write(_started ? ",\n  " : "[\n  ");
        writer.Write(node.ToJsonString(JsonOutput.Compact));
        writer.Flush();
        _started = true;
    }

    public void Dispose()
    {
        writer.WriteLine(_started ? "\n]" : "[]");
        writer.Flush();
    }
}
