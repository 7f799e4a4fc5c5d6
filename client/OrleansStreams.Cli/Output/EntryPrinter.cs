using OrleansStreams.Client;

namespace OrleansStreams.Cli.Output;

/// <summary>Entries as they arrive: text lines, or the elements of one JSON array closed on dispose.</summary>
internal sealed class EntryPrinter(CliContext context) : IDisposable
{
    private readonly JsonArrayWriter? _json = context.Json ? new JsonArrayWriter(Console.Out) : null;

    public void Print(StreamMessage message)
    {
        if (_json is not null)
        {
            _json.Add(JsonOutput.Entry(message));
        }
        else
        {
            Console.Out.WriteLine(EntryText.Format(message));
        }
    }

    public void Print(IEnumerable<StreamMessage> messages)
    {
        foreach (var message in messages)
        {
            Print(message);
        }
    }

    public void Dispose() => _json?.Dispose();
}
