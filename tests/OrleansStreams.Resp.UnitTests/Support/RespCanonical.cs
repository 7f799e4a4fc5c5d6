using System.Text;

namespace OrleansStreams.Resp.UnitTests.Support;

/// <summary>
/// Rewrites a COMMAND INFO / COMMAND DOCS reply with its subcommands sorted by name. Redis lists
/// subcommands in the order of a dict whose hash seed is random per process, so two redis-servers
/// disagree on that order; everything else must match byte for byte.
/// </summary>
internal static class RespCanonical
{
    public static string OfCommandReply(string resp)
    {
        var at = 0;
        var node = Parse(resp, ref at);
        return Format(Normalize(node));
    }

    private sealed record Node(string Header, List<Node> Children);

    private static Node Parse(string text, ref int at)
    {
        var lineEnd = text.IndexOf("\r\n", at, StringComparison.Ordinal);
        var header = text[at..lineEnd];
        at = lineEnd + 2;
        var type = header[0];
        var children = new List<Node>();
        if (type is '$' or '=' && header != "$-1")
        {
            var length = int.Parse(header[1..]);
            header += "\r\n" + text.Substring(at, length);
            at += length + 2;
        }
        else if (type is '*' or '~' or '%' && header != "*-1")
        {
            var count = int.Parse(header[1..]) * (type == '%' ? 2 : 1);
            for (var i = 0; i < count; i++)
            {
                children.Add(Parse(text, ref at));
            }
        }
        return new Node(header, children);
    }

    private static Node Normalize(Node node)
    {
        var children = node.Children.Select(Normalize).ToList();
        // A COMMAND INFO entry: ten elements, the tenth being the subcommand entries.
        if (children.Count == 10 && children[0].Header.StartsWith('$') && children[9].Children.All(c => c.Children.Count == 10))
        {
            children[9] = children[9] with { Children = [.. children[9].Children.OrderBy(c => c.Children[0].Header, StringComparer.Ordinal)] };
        }
        // A COMMAND DOCS map: its "subcommands" value is a map of name to docs.
        for (var i = 0; i + 1 < children.Count; i += 2)
        {
            if (node.Header.StartsWith('%') || node.Header.StartsWith('*'))
            {
                if (children[i].Header.EndsWith("\r\nsubcommands", StringComparison.Ordinal))
                {
                    var map = children[i + 1];
                    var pairs = map.Children.Chunk(2).OrderBy(p => p[0].Header, StringComparer.Ordinal).SelectMany(p => p).ToList();
                    children[i + 1] = map with { Children = pairs };
                }
            }
        }
        return node with { Children = children };
    }

    private static string Format(Node node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Node node)
    {
        builder.Append(node.Header).Append("\r\n");
        foreach (var child in node.Children)
        {
            Append(builder, child);
        }
    }
}
