using System.Text;
using OrleansStreams.Keyspace;

namespace OrleansStreams.Core.UnitTests.Keyspace;

/// <summary>
/// Patterns checked against redis-server 7.0.15's KEYS over the same keys (Latin-1 strings stand for raw bytes),
/// including unterminated classes, reversed and signed-char ranges, escapes and the nesting guard.
/// </summary>
public class GlobTests
{
    private static readonly string[] Keys =
    [
        "hello", "hallo", "hxllo", "h*llo", "hllo", "heeeello", "a", "[", "]", "-", "^", "\\", "ab", "\u00c3\u00a9", "\u0080", "b", "z", "a-",
    ];

    private static byte[] B(string latin1) => Encoding.Latin1.GetBytes(latin1);

    [Theory]
    [InlineData("h?llo", new[] { "h*llo", "hallo", "hello", "hxllo" })]
    [InlineData("h*llo", new[] { "h*llo", "hallo", "heeeello", "hello", "hllo", "hxllo" })]
    [InlineData("h[ae]llo", new[] { "hallo", "hello" })]
    [InlineData("h[^e]llo", new[] { "h*llo", "hallo", "hxllo" })]
    [InlineData("h[a-b]llo", new[] { "hallo" })]
    [InlineData("h[b-a]llo", new[] { "hallo" })]
    [InlineData("h\\*llo", new[] { "h*llo" })]
    [InlineData("[", new string[0])]
    [InlineData("[^", new[] { "-", "[", "\\", "]", "^", "a", "b", "z", "\u0080" })]
    [InlineData("[a", new[] { "a" })]
    [InlineData("[]", new string[0])]
    [InlineData("[]]", new string[0])]
    [InlineData("[\\]]", new[] { "]" })]
    [InlineData("\\", new[] { "\\" })]
    [InlineData("a\\", new string[0])]
    [InlineData("[a-]", new[] { "]", "^", "a" })]
    [InlineData("[-a]", new[] { "-", "a" })]
    [InlineData("[^a-c]", new[] { "-", "[", "\\", "]", "^", "z", "\u0080" })]
    [InlineData("[\\-]", new[] { "-" })]
    [InlineData("*[", new string[0])]
    [InlineData("[a-\\]", new[] { "\\", "]", "^", "a" })]
    [InlineData("[\u0000-\u007f]", new[] { "-", "[", "\\", "]", "^", "a", "b", "z" })]
    [InlineData("[a-\u0080]", new[] { "-", "[", "\\", "]", "^", "a", "\u0080" })]
    [InlineData("[\u0080-\u00ff]", new[] { "\u0080" })]
    [InlineData("**", new[] { "-", "[", "\\", "]", "^", "a", "a-", "ab", "b", "h*llo", "hallo", "heeeello", "hello", "hllo", "hxllo", "z", "\u0080", "\u00c3\u00a9" })]
    [InlineData("?", new[] { "-", "[", "\\", "]", "^", "a", "b", "z", "\u0080" })]
    [InlineData("??", new[] { "a-", "ab", "\u00c3\u00a9" })]
    [InlineData("h**o", new[] { "h*llo", "hallo", "heeeello", "hello", "hllo", "hxllo" })]
    [InlineData("[^]", new[] { "-", "[", "\\", "]", "^", "a", "b", "z", "\u0080" })]
    [InlineData("[!a]", new[] { "a" })]
    [InlineData("a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", new string[0])]
    public void Pattern_matches_the_same_keys_as_redis(string pattern, string[] expected)
    {
        var matched = Keys.Where(k => Glob.IsMatch(B(pattern), B(k))).Order(StringComparer.Ordinal);
        Assert.Equal(expected, matched);
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("*", "", false)] // as stringmatchlen; KEYS and SCAN special-case "*" so the empty key still matches
    [InlineData("a*", "", false)]
    [InlineData("HELLO", "hello", false)]
    public void Edge_cases_of_empty_strings_and_case(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.IsMatch(B(pattern), B(text)));

    [Fact]
    public void Ignore_case_folds_ascii_letters_and_ranges()
    {
        Assert.True(Glob.IsMatch(B("HE[L-L]LO"), B("hello"), ignoreCase: true));
        Assert.False(Glob.IsMatch(B("HE[L-L]LO"), B("hello")));
    }

    [Fact]
    public void Many_stars_against_a_long_string_finish_quickly()
    {
        var pattern = B(string.Concat(Enumerable.Repeat("a*", 40)) + "b");
        var text = B(new string('a', 5000));
        Assert.False(Glob.IsMatch(pattern, text));
    }
}
