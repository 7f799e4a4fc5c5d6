using System.Globalization;
using CsCheck;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>
/// Random command sequences over three keys — appends, deletes, trims, groups, claims, key deletes and
/// renames, transactions, short blocking reads — run on redis-server and on the silo; every reply must
/// be identical, and a failing sequence is shrunk to a small one. Commands whose replies carry times
/// (idle, inactive) or differ by design (XINFO STREAM's radix-tree counts) are left out.
/// ORLEANSSTREAMS_DIFF_SEQUENCES sets how many sequences run (default 150 in CI; thousands by hand).
/// </summary>
[Collection(DifferentialCollection.Name)]
public sealed class GeneratedDifferentialTests(DifferentialFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Keys = ["s1", "s2", "s3"];
    private static readonly string[] Groups = ["g1", "g2"];
    private static readonly string[] Consumers = ["c1", "c2"];

    private static readonly Gen<string> Key = Gen.OneOf(Keys);
    private static readonly Gen<string> Group = Gen.OneOf(Groups);
    private static readonly Gen<string> Consumer = Gen.OneOf(Consumers);
    private static readonly Gen<string> Id = Gen.Select(Gen.Int[0, 12], Gen.Int[0, 2]).Select((ms, seq) => $"{ms}-{seq}");
    private static readonly Gen<string> Count = Gen.Int[1, 4].Select(n => n.ToString(CultureInfo.InvariantCulture));

    private static Gen<string[]> Cmd(params Gen<string>[] parts) =>
        parts.Aggregate(Gen.Const(Array.Empty<string>()), (acc, part) => Gen.Select(acc, part, (words, word) => (string[])[.. words, word]));

    private static Gen<string> Word(string word) => Gen.Const(word);

    private static readonly Gen<string[]> Command = Gen.OneOf(
        Cmd(Word("XADD"), Key, Id, Word("f"), Gen.OneOf("a", "b")),
        Cmd(Word("XADD"), Key, Id, Word("f"), Word("v"), Word("MAXLEN"), Count),
        Cmd(Word("XADD"), Key, Word("NOMKSTREAM"), Id, Word("f"), Word("v")),
        Cmd(Word("XDEL"), Key, Id),
        Cmd(Word("XTRIM"), Key, Word("MAXLEN"), Count),
        Cmd(Word("XTRIM"), Key, Word("MINID"), Id),
        Cmd(Word("XLEN"), Key),
        Cmd(Word("XRANGE"), Key, Word("-"), Word("+")),
        Cmd(Word("XREVRANGE"), Key, Word("+"), Word("-"), Word("COUNT"), Count),
        Cmd(Word("XREAD"), Word("COUNT"), Count, Word("STREAMS"), Key, Id),
        Cmd(Word("XREAD"), Word("BLOCK"), Word("5"), Word("STREAMS"), Key, Id),
        Cmd(Word("XSETID"), Key, Id),
        Cmd(Word("XGROUP"), Word("CREATE"), Key, Group, Gen.OneOf(Id, Word("$"), Word("0"))),
        Cmd(Word("XGROUP"), Word("CREATE"), Key, Group, Gen.OneOf(Word("$"), Word("0")), Word("MKSTREAM")),
        Cmd(Word("XGROUP"), Word("SETID"), Key, Group, Gen.OneOf(Id, Word("$"))),
        Cmd(Word("XGROUP"), Word("CREATE"), Key, Group, Id, Word("ENTRIESREAD"), Gen.Int[0, 8].Select(n => n.ToString(CultureInfo.InvariantCulture))),
        Cmd(Word("XGROUP"), Word("SETID"), Key, Group, Id, Word("ENTRIESREAD"), Gen.Int[0, 8].Select(n => n.ToString(CultureInfo.InvariantCulture))),
        Cmd(Word("XSETID"), Key, Id, Word("ENTRIESADDED"), Gen.Int[0, 40].Select(n => n.ToString(CultureInfo.InvariantCulture)), Word("MAXDELETEDID"), Id),
        Cmd(Word("XREAD"), Word("COUNT"), Count, Word("STREAMS"), Key, Key, Id, Id),
        Cmd(Word("XREADGROUP"), Word("GROUP"), Group, Consumer, Word("COUNT"), Count, Word("STREAMS"), Key, Key, Word(">"), Word(">")),
        Cmd(Word("XGROUP"), Word("DESTROY"), Key, Group),
        Cmd(Word("XGROUP"), Word("CREATECONSUMER"), Key, Group, Consumer),
        Cmd(Word("XGROUP"), Word("DELCONSUMER"), Key, Group, Consumer),
        Cmd(Word("XREADGROUP"), Word("GROUP"), Group, Consumer, Word("COUNT"), Count, Word("STREAMS"), Key, Word(">")),
        Cmd(Word("XREADGROUP"), Word("GROUP"), Group, Consumer, Word("STREAMS"), Key, Word("0")),
        Cmd(Word("XREADGROUP"), Word("GROUP"), Group, Consumer, Word("NOACK"), Word("COUNT"), Count, Word("STREAMS"), Key, Word(">")),
        Cmd(Word("XREADGROUP"), Word("GROUP"), Group, Consumer, Word("BLOCK"), Word("5"), Word("STREAMS"), Key, Word(">")),
        Cmd(Word("XACK"), Key, Group, Id),
        Cmd(Word("XPENDING"), Key, Group),
        Cmd(Word("XCLAIM"), Key, Group, Consumer, Word("0"), Id),
        Cmd(Word("XCLAIM"), Key, Group, Consumer, Word("0"), Id, Word("JUSTID")),
        Cmd(Word("XAUTOCLAIM"), Key, Group, Consumer, Word("0"), Word("0-0"), Word("COUNT"), Count),
        Cmd(Word("XINFO"), Word("GROUPS"), Key),
        Cmd(Word("DEL"), Key),
        Cmd(Word("EXISTS"), Key),
        Cmd(Word("TYPE"), Key),
        Cmd(Word("RENAME"), Key, Key),
        Cmd(Word("SET"), Key, Word("x")));

    /// <summary>A step: one command, or a few inside MULTI … EXEC.</summary>
    private static readonly Gen<string[][]> Step = Gen.Frequency(
        (9, (IGen<string[][]>)Command.Select(c => new[] { c })),
        (1, Command.Array[1, 4].Select(cs => cs.Prepend(["MULTI"]).Append(["EXEC"]).ToArray())));

    private static readonly Gen<string[][]> Sequence = Step.Array[1, 30].Select(steps => steps.SelectMany(s => s).ToArray());

    [Fact]
    public Task Random_stream_and_group_sequences_answer_exactly_as_redis_server() => GeneratedScripts.CheckAsync(fixture, output, Sequence);
}
