using System.Text;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>Runs a script on one server over a fresh raw connection after FLUSHALL and returns each line's reply frame.</summary>
public static class ScriptRunner
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Replies in script order; a line the server did not answer gets a synthetic `!no reply` frame and ends the run.</summary>
    public static async Task<List<byte[]>> RunAsync(int port, IReadOnlyList<ScriptLine> lines)
    {
        using (var admin = await RespClient.ConnectAsync(port))
        {
            var flushed = await admin.CommandAsync("FLUSHALL");
            if (!flushed.AsSpan().SequenceEqual("+OK\r\n"u8))
            {
                throw new InvalidOperationException($"FLUSHALL on port {port} replied {RespFrame.Show(flushed)}.");
            }
        }
        var replies = new List<byte[]>();
        using var client = await RespClient.ConnectAsync(port);
        foreach (var line in lines)
        {
            try
            {
                await client.SendAsync(line.Arguments);
                replies.Add(await client.ReadFrameAsync(ReplyTimeout));
            }
            catch (Exception e) when (e is TimeoutException or EndOfStreamException or IOException or InvalidDataException)
            {
                replies.Add(Encoding.UTF8.GetBytes($"!no reply ({e.GetType().Name}: {e.Message})"));
                break;
            }
        }
        return replies;
    }

    /// <summary>The differences between the reference replies and the tested server's, one paragraph per line; empty when they agree.</summary>
    public static List<string> Compare(IReadOnlyList<ScriptLine> lines, IReadOnlyList<byte[]> expected, IReadOnlyList<byte[]> actual)
    {
        var differences = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (i >= expected.Count)
            {
                differences.Add($"line {line.Number}: `{line.Text}`: redis-server gave no reply (script error?)");
                break;
            }
            if (i >= actual.Count)
            {
                differences.Add($"line {line.Number}: `{line.Text}`: not run, the silo stopped answering earlier");
                break;
            }
            var (want, got) = line.Comparison switch
            {
                Comparison.TypeOnly => (expected[i][..1], actual[i][..1]),
                Comparison.Unordered => (RespFrame.SortElements(expected[i]), SafeSort(actual[i])),
                _ => (expected[i], actual[i]),
            };
            if (!want.AsSpan().SequenceEqual(got))
            {
                differences.Add(
                    $"line {line.Number}: `{line.Text}`{(line.Comparison == Comparison.Exact ? "" : $" ({line.Comparison})")}\n" +
                    $"    redis: {RespFrame.Show(expected[i])}\n" +
                    $"    silo:  {RespFrame.Show(actual[i])}");
            }
        }
        return differences;
    }

    private static byte[] SafeSort(byte[] frame)
    {
        try
        {
            return RespFrame.SortElements(frame);
        }
        catch (InvalidDataException)
        {
            return frame;
        }
    }
}
