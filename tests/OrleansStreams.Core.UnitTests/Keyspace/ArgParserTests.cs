using System.Text;
using OrleansStreams.Keyspace;

using OrleansStreams.Parsing;

namespace OrleansStreams.Core.UnitTests.Keyspace;

public class ArgParserTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-1", -1L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void String2ll_accepts_canonical_integers(string text, long expected)
    {
        Assert.True(ArgParser.TryParseInt64(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+1")]
    [InlineData("01")]
    [InlineData("-0")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1e3")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("123456789012345678901")]
    public void String2ll_rejects_everything_else(string text) =>
        Assert.False(ArgParser.TryParseInt64(Encoding.ASCII.GetBytes(text), out _));

    [Theory]
    [InlineData("0", 0UL, true)]
    [InlineData("+7", 7UL, true)]
    [InlineData("-1", ulong.MaxValue, true)]
    [InlineData("18446744073709551615", ulong.MaxValue, true)]
    [InlineData("18446744073709551616", 0UL, false)]
    [InlineData(" 0", 0UL, false)]
    [InlineData("", 0UL, false)]
    [InlineData("1x", 0UL, false)]
    public void Cursor_parses_like_strtoul(string text, ulong expected, bool ok)
    {
        Assert.Equal(ok, ArgParser.TryParseCursor(Encoding.ASCII.GetBytes(text), out var cursor));
        Assert.Equal(expected, ok ? cursor : 0UL);
    }
}
