using System.Runtime.CompilerServices;
using System.Text;
using OrleansStreams.Keyspace;
using Xunit.Abstractions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

/// <summary>
/// Runs Scripts/*.txt against a real redis-server over a raw socket and against <see cref="KeyspaceDatabase"/>,
/// comparing RESP2 replies byte for byte (or with array elements sorted on lines marked "~").
/// </summary>
public class RedisDifferentialTests(ITestOutputHelper output)
{
    private const string UnorderedMarker = "~ ";

    [Fact]
    public void Keyspace_script_replies_match_redis_server() => RunScript("keyspace.txt");

    private void RunScript(string name)
    {
        if (!RedisServerProcess.IsInstalled)
        {
            output.WriteLine($"Skipped: {RedisServerProcess.ServerPath} is not installed.");
            return;
        }
        using var server = RedisServerProcess.Start();
        using var client = server.Connect();
        var stream = client.GetStream();
        var db = new KeyspaceDatabase();
        var failures = new List<string>();
        var lines = File.ReadAllLines(ScriptPath(name));
        var count = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var unordered = line.StartsWith(UnorderedMarker, StringComparison.Ordinal);
            var args = Tokenize(unordered ? line[UnorderedMarker.Length..] : line);
            stream.Write(Resp2.EncodeCommand(args));
            var expected = Resp2.ReadRaw(stream);
            var actual = Resp2.Encode(db.RunCommand(args.ToArray(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            var (e, a) = unordered
                ? (Resp2.Unordered(expected), Resp2.Unordered(actual))
                : (Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
            if (e != a)
            {
                failures.Add($"{line}\n  redis:    {Escape(e)}\n  keyspace: {Escape(a)}");
            }
            count++;
        }
        output.WriteLine($"{count} commands compared, {failures.Count} mismatches.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Scripts are copied to the output; from a source checkout they are read next to this file.</summary>
    private static string ScriptPath(string name, [CallerFilePath] string sourceFile = "")
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Keyspace", "Scripts", name);
        return File.Exists(copied) ? copied : Path.Combine(Path.GetDirectoryName(sourceFile)!, "Scripts", name);
    }

    private static List<byte[]> Tokenize(string line)
    {
        var args = new List<byte[]>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                i++;
                continue;
            }
            var quoted = line[i] == '"';
            var start = quoted ? i + 1 : i;
            var end = quoted ? line.IndexOf('"', start) : line.IndexOf(' ', start);
            end = end < 0 ? line.Length : end;
            args.Add(Encoding.UTF8.GetBytes(line[start..end]));
            i = quoted ? end + 1 : end;
        }
        return args;
    }

    private static string Escape(string resp) => resp.Replace("\r\n", "\\r\\n", StringComparison.Ordinal);
}
