using System.Globalization;
using CsCheck;
using OrleansStreams.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace OrleansStreams.IntegrationTests.Differential;

/// <summary>
/// Random streams built on redis-server 7.0.15 (appends of up to 150 entries, deletions, exact and approximate trims,
/// XSETID, groups, reads, acknowledgements, claims) go to the silo with DUMP / RESTORE and back to redis-server; the
/// stream reads alike at every stop, and the payloads agree node by node. A failing stream is shrunk.
/// ORLEANSSTREAMS_DUMP_SEQUENCES sets how many streams run (default 40).
/// </summary>
[Collection(DifferentialCollection.Name)]
public sealed class GeneratedDumpRestoreTests(DifferentialFixture fixture, ITestOutputHelper output)
{
    private static long Sequences => long.TryParse(Environment.GetEnvironmentVariable("ORLEANSSTREAMS_DUMP_SEQUENCES"), out var n) ? n : 40;

    /// <summary>One step: a kind and two numbers that the kind interprets.</summary>
    private static readonly Gen<(int Kind, int A, int B)> Step = Gen.Frequency(
        (5, Gen.Select(Gen.Int[1, 150], Gen.Int[0, 9]).Select((a, b) => (0, a, b))),
        (3, Gen.Select(Gen.Int[1, 8], Gen.Int[0, 1000], Gen.Int[0, 9]).Select((kind, a, b) => (kind, a, b))));

    private static readonly Gen<(int Kind, int A, int B)[]> Steps = Step.Array[1, 14];

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The commands of a stream's steps: entry IDs increase with each append; other IDs fall among those appended.</summary>
    private static List<string[]> Commands((int Kind, int A, int B)[] steps)
    {
        var commands = new List<string[]>();
        long last = 0;
        string Id(int a) => last == 0 ? "0-1" : $"{1 + a % last}-{a % 2}";
        foreach (var (kind, a, b) in steps)
        {
            var group = $"g{b % 2}";
            commands.Add(kind switch
            {
                0 => [],
                1 => ["XDEL", "k", Id(a), Id(a / 3)],
                2 => b % 2 == 0 ? ["XTRIM", "k", "MAXLEN", N(a % 200)] : ["XTRIM", "k", "MAXLEN", "~", N(a % 200)],
                3 => b % 2 == 0 ? ["XTRIM", "k", "MINID", Id(a)] : ["XTRIM", "k", "MINID", "~", Id(a)],
                4 => ["XGROUP", "CREATE", "k", group, b % 3 == 0 ? "$" : "0", "MKSTREAM"],
                5 => ["XREADGROUP", "GROUP", group, $"c{a % 3}", "COUNT", N(1 + a % 7), "STREAMS", "k", ">"],
                6 => ["XACK", "k", group, Id(a)],
                7 => b % 3 == 0 ? ["XGROUP", "SETID", "k", group, Id(a), "ENTRIESREAD", N(a % 50)] : ["XCLAIM", "k", group, $"c{a % 3}", "0", Id(a), Id(a + 1)],
                _ => ["XSETID", "k", $"{last + 1 + a % 5}-0", "ENTRIESADDED", N(1000 + a), "MAXDELETEDID", Id(a)],
            });
            if (kind == 0)
            {
                commands.RemoveAt(commands.Count - 1);
                for (var i = 0; i < a; i++)
                {
                    last++;
                    commands.Add((last + b) % 11 == 0
                        ? ["XADD", "k", $"{last}-{last % 2}", "other", N(last), "more", "x"]
                        : ["XADD", "k", $"{last}-{last % 2}", "sensor", $"t{b}", "value", N(last * 7 % 1000)]);
                }
            }
        }
        return commands;
    }

    [Fact]
    public async Task Random_streams_move_from_redis_to_the_silo_and_back_and_read_alike()
    {
        output.WriteLine($"{Sequences} streams");
        await Steps.SampleAsync(async steps =>
        {
            using var redis = await Flushed(fixture.Redis.Port);
            using var silo = await Flushed(fixture.TestedPort);
            await StreamTransfer.RunAsync(redis, Commands(steps));
            var original = await StreamTransfer.ReadsAsync(redis, "k");
            if (await StreamTransfer.DumpAsync(redis, "k") is not { } fromRedis)
            {
                return await StreamTransfer.DumpAsync(silo, "k") is null;
            }
            var restored = await StreamTransfer.RestoreAsync(silo, "k", fromRedis);
            var onSilo = await StreamTransfer.ReadsAsync(silo, "k");
            var fromSilo = (await StreamTransfer.DumpAsync(silo, "k"))!;
            var back = await StreamTransfer.RestoreAsync(redis, "back", fromSilo);
            var onRedisAgain = await StreamTransfer.ReadsAsync(redis, "back");
            var same = restored == back && original.SequenceEqual(onSilo)
                && original.SequenceEqual(onRedisAgain.Select(r => r.Replace("back", "k", StringComparison.Ordinal)))
                && DumpRestoreTests.Describe(fromRedis) == DumpRestoreTests.Describe(fromSilo);
            if (!same)
            {
                output.WriteLine($"RESTORE: {restored} / {back}");
                foreach (var (want, got) in original.Zip(onSilo).Where(p => p.First != p.Second))
                {
                    output.WriteLine($"  redis: {want}\n  silo:  {got}");
                }
                output.WriteLine(DumpRestoreTests.Describe(fromRedis) + "\n---\n" + DumpRestoreTests.Describe(fromSilo));
            }
            return same;
        }, iter: Sequences, threads: 1, print: steps => "\n" + string.Join('\n', Commands(steps).Select(c => string.Join(' ', c))));
    }

    private static async Task<RespClient> Flushed(int port)
    {
        var client = await RespClient.ConnectAsync(port);
        await StreamTransfer.CommandAsync(client, "FLUSHALL");
        return client;
    }
}
