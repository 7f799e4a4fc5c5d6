using System.CommandLine;
using System.Text;
using OrleansStreams.Streams;

namespace OrleansStreams.Cli.Input;

/// <summary>Entry IDs on the command line as redis-cli takes them: <c>-</c>, <c>+</c>, <c>ms-seq</c> or <c>ms</c>.</summary>
internal static class EntryIds
{
    /// <summary>An ID argument with a default; a malformed ID is a parse error.</summary>
    public static Argument<string> Argument(string name, string defaultValue, string description)
    {
        var argument = new Argument<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        argument.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!TryParse(text, isEnd: false, out _))
            {
                result.AddError($"Invalid stream ID '{text}': use -, +, <ms> or <ms>-<seq>.");
            }
        });
        return argument;
    }

    /// <summary>
    /// <c>-</c> is the smallest ID, <c>+</c> the largest; <c>ms</c> alone means <c>ms-0</c> as a start and
    /// <c>ms-18446744073709551615</c> as an end, as XRANGE reads it.
    /// </summary>
    public static bool TryParse(string text, bool isEnd, out StreamEntryId id)
    {
        switch (text)
        {
            case "-":
                id = StreamEntryId.Min;
                return true;
            case "+":
                id = StreamEntryId.Max;
                return true;
            default:
                return StreamEntryId.TryParse(Encoding.ASCII.GetBytes(text), isEnd ? ulong.MaxValue : 0, out id);
        }
    }

    public static StreamEntryId Parse(string text, bool isEnd) =>
        TryParse(text, isEnd, out var id) ? id : throw new UsageException($"Invalid stream ID '{text}'.");
}
