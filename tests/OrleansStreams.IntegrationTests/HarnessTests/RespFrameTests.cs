using System.Text;
using OrleansStreams.IntegrationTests.Harness;

namespace OrleansStreams.IntegrationTests.HarnessTests;

/// <summary>The frame reader finds the end of every RESP2/RESP3 reply, whatever byte the network splits it at.</summary>
public sealed class RespFrameTests
{
    public static TheoryData<string> Frames() =>
    [
        "+OK\r\n",
        "-ERR bad\r\n",
        ":42\r\n",
        "$5\r\nhello\r\n",
        "$-1\r\n",
        "$0\r\n\r\n",
        "*-1\r\n",
        "*0\r\n",
        "*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
        "%2\r\n+a\r\n:1\r\n+b\r\n*1\r\n_\r\n",
        "~2\r\n$1\r\na\r\n$1\r\nb\r\n",
        ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n",
        ",1.5\r\n",
        "#t\r\n",
        "(12345678901234567890\r\n",
        "=7\r\ntxt:abc\r\n",
        "!3\r\nERR\r\n",
        "|1\r\n+ttl\r\n:3\r\n$1\r\nv\r\n",
        "$4\r\na\r\nb\r\n",
    ];

    [Theory]
    [MemberData(nameof(Frames))]
    public void Measures_a_whole_frame_and_needs_more_bytes_at_every_split(string frame)
    {
        var bytes = Encoding.ASCII.GetBytes(frame);

        Assert.Equal(bytes.Length, RespFrame.Measure(bytes));
        Assert.Equal(bytes.Length, RespFrame.Measure([.. bytes, .. "+next\r\n"u8.ToArray()]));
        for (var split = 0; split < bytes.Length; split++)
        {
            Assert.Equal(-1, RespFrame.Measure(bytes.AsSpan(0, split)));
        }
    }

    [Fact]
    public void Sorting_orders_elements_and_keeps_map_pairs_together()
    {
        var array = Encoding.ASCII.GetBytes("*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n");
        var map = Encoding.ASCII.GetBytes("%2\r\n$1\r\nz\r\n:1\r\n$1\r\na\r\n:2\r\n");

        Assert.Equal("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", Encoding.ASCII.GetString(RespFrame.SortElements(array)));
        Assert.Equal("%2\r\n$1\r\na\r\n:2\r\n$1\r\nz\r\n:1\r\n", Encoding.ASCII.GetString(RespFrame.SortElements(map)));
    }

    [Fact]
    public void Parses_nested_values()
    {
        var value = RespValue.Parse(Encoding.ASCII.GetBytes("*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$-1\r\n"));

        Assert.Equal("1-0", value.Items[0].Text);
        Assert.Equal("f", value.Items[1].Items[0].Text);
        Assert.True(value.Items[1].Items[1].IsNull);
    }
}
