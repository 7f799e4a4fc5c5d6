using System.Text;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>
/// DUMP and RESTORE over raw connections, and the reads that must agree after a stream moved between redis-server and
/// the silo. Time-dependent parts are dropped (idle times); XINFO STREAM's radix-tree-nodes counts Redis' internal
/// tree nodes, which this server does not have.
/// </summary>
public static class StreamTransfer
{
    public static async Task<byte[]> CommandAsync(RespClient client, params object[] args)
    {
        await client.SendAsync([.. args.Select(a => a as byte[] ?? Encoding.UTF8.GetBytes((string)a))]);
        return await client.ReadFrameAsync();
    }

    /// <summary>DUMP's payload, or null for a nil reply.</summary>
    public static async Task<byte[]?> DumpAsync(RespClient client, string key)
    {
        var frame = await CommandAsync(client, "DUMP", key);
        Assert.Equal((byte)'$', frame[0]);
        var lineEnd = frame.AsSpan().IndexOf("\r\n"u8);
        var length = int.Parse(Encoding.ASCII.GetString(frame, 1, lineEnd - 1));
        return length < 0 ? null : frame.AsSpan(lineEnd + 2, length).ToArray();
    }

    /// <summary>RESTORE's reply, shown as text.</summary>
    public static async Task<string> RestoreAsync(RespClient client, string key, byte[] payload, params string[] options) =>
        RespFrame.Show(await CommandAsync(client, ["RESTORE", key, "0", payload, .. options]));

    /// <summary>Runs commands, one reply each, shown as text.</summary>
    public static async Task<List<string>> RunAsync(RespClient client, IEnumerable<string[]> commands)
    {
        var replies = new List<string>();
        foreach (var command in commands)
        {
            replies.Add(RespFrame.Show(await CommandAsync(client, command)));
        }
        return replies;
    }

    /// <summary>What a stream reads like, with its groups: entries, XINFO STREAM (FULL), XINFO GROUPS and CONSUMERS, XPENDING.</summary>
    public static async Task<List<string>> ReadsAsync(RespClient client, string key)
    {
        var reads = new List<string>();
        foreach (var command in new string[][] { ["XRANGE", key, "-", "+"], ["XREVRANGE", key, "+", "-", "COUNT", "5"], ["XLEN", key], ["XINFO", "GROUPS", key] })
        {
            reads.Add(RespFrame.Show(await CommandAsync(client, command)));
        }
        reads.Add(WithoutTreeNodes(await CommandAsync(client, "XINFO", "STREAM", key)));
        reads.Add(WithoutTreeNodes(await CommandAsync(client, "XINFO", "STREAM", key, "FULL")));
        foreach (var group in RespValue.Parse(await CommandAsync(client, "XINFO", "GROUPS", key)).Items.Select(g => g.AsPairs()["name"].Text!))
        {
            reads.Add(RespFrame.Show(await CommandAsync(client, "XPENDING", key, group)));
            // Extended XPENDING and XINFO CONSUMERS without the idle times: id, consumer, deliveries / name, pending.
            reads.Add(string.Join(' ', RespValue.Parse(await CommandAsync(client, "XPENDING", key, group, "-", "+", "1000")).Items.Select(p => $"{p.Items[0]}/{p.Items[1]}/{p.Items[3]}")));
            reads.Add(string.Join(' ', RespValue.Parse(await CommandAsync(client, "XINFO", "CONSUMERS", key, group)).Items.Select(c => $"{c.AsPairs()["name"]}/{c.AsPairs()["pending"]}")));
        }
        return reads;
    }

    private static string WithoutTreeNodes(byte[] frame)
    {
        var value = RespValue.Parse(frame);
        if (value.IsError)
        {
            return value.ToString();
        }
        var kept = new List<RespValue>();
        for (var i = 0; i + 1 < value.Items.Count; i += 2)
        {
            if (value.Items[i].Text != "radix-tree-nodes")
            {
                kept.Add(value.Items[i]);
                kept.Add(value.Items[i + 1]);
            }
        }
        return (value with { Items = kept }).ToString();
    }
}
