using CsCheck;
using OrleansStreams.Processing;

namespace OrleansStreams.Core.UnitTests.Processing;

/// <summary>The window operator against <see cref="WindowModel"/> on random, out-of-order input with watermarks in between.</summary>
public sealed class WindowOperatorModelTests
{
    /// <summary>A watermark step (Key null) or an event.</summary>
    internal readonly record struct Step(string? Key, long Time, string? Value);

    internal static readonly Gen<Step[]> Steps = Gen.Frequency(
            (5, Gen.Select(Gen.Int[0, 2].Select(i => "abc"[i].ToString()), Gen.Long[0, 100], AccumulatorTests.Value).Select(t => new Step(t.Item1, t.Item2, t.Item3))),
            (1, Gen.Long[0, 120].Select(t => new Step(null, t, null))))
        .Array[0, 60];

    public static TheoryData<string, string> Cases => Combinations();

    private static TheoryData<string, string> Combinations()
    {
        var data = new TheoryData<string, string>();
        foreach (var window in Windows.Keys)
        {
            foreach (var late in Policies.Keys)
            {
                data.Add(window, late);
            }
        }
        return data;
    }

    internal static readonly Dictionary<string, WindowSpec> Windows = new()
    {
        ["tumbling"] = new WindowSpec.Tumbling(10, 3),
        ["sliding"] = new WindowSpec.Sliding(15, 5),
        ["session"] = new WindowSpec.Session(7),
        ["count"] = new WindowSpec.Count(3),
    };

    internal static readonly Dictionary<string, LatePolicy> Policies = new()
    {
        ["drop"] = LatePolicy.Drop,
        ["side"] = new LatePolicy(LatePolicyKind.SideOutput, Stream: "late"),
        ["lateness"] = new LatePolicy(LatePolicyKind.AllowedLateness, 20),
        ["recompute"] = new LatePolicy(LatePolicyKind.Recompute, 20),
    };

    internal static (List<string> Results, List<string> Late, long Dropped) Run(WindowOperator op, IEnumerable<Step> steps, WindowOutput output)
    {
        foreach (var step in steps)
        {
            if (step.Key is null)
            {
                op.AdvanceWatermark(step.Time, output);
            }
            else
            {
                op.Add(Brute.Event(step.Key, step.Time, step.Value), output);
            }
        }
        // Each run makes its own events, so late events are compared by content, not by source ID.
        return (output.Results.Select(Brute.Describe).ToList(), output.Late.Select(e => $"{e.Key}@{e.Timestamp}={e.Values[0]}").ToList(), output.LateDropped);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Operator_output_equals_the_model(string window, string late)
    {
        var spec = Windows[window];
        var policy = Policies[late];
        Steps.Sample(steps =>
        {
            var model = new WindowModel(spec, policy);
            var op = new WindowOperator(spec, Brute.Specs, policy);
            var output = new WindowOutput();
            foreach (var step in steps)
            {
                if (step.Key is null)
                {
                    model.Advance(step.Time);
                    op.AdvanceWatermark(step.Time, output);
                }
                else
                {
                    var e = Brute.Event(step.Key, step.Time, step.Value);
                    model.Add(e);
                    op.Add(e, output);
                }
            }
            model.Advance(1000);
            op.AdvanceWatermark(1000, output);
            Assert.Equal(model.Results, output.Results.Select(Brute.Describe));
            Assert.Equal(model.Late, output.Late);
            Assert.Equal(model.Dropped, output.LateDropped);
            if (window != "count")
            {
                Assert.Equal(0, op.OpenWindows);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_restored_snapshot_continues_exactly_like_the_uninterrupted_operator(string window, string late)
    {
        var spec = Windows[window];
        var policy = Policies[late];
        Gen.Select(Steps, Gen.Int[0, 60]).Sample((steps, cut) =>
        {
            cut = Math.Min(cut, steps.Length);
            var whole = Run(new WindowOperator(spec, Brute.Specs, policy), steps, new WindowOutput());

            var output = new WindowOutput();
            var first = new WindowOperator(spec, Brute.Specs, policy);
            Run(first, steps.Take(cut), output);
            using var buffer = new MemoryStream();
            first.WriteTo(new BinaryWriter(buffer));
            buffer.Position = 0;
            var restored = WindowOperator.ReadFrom(new BinaryReader(buffer), spec, Brute.Specs, policy);
            Assert.Equal(first.OpenWindows, restored.OpenWindows);
            Assert.Equal(first.Watermark, restored.Watermark);
            var resumed = Run(restored, steps.Skip(cut), output);

            Assert.Equal(whole.Results, resumed.Results);
            Assert.Equal(whole.Late, resumed.Late);
            Assert.Equal(whole.Dropped, resumed.Dropped);
        });
    }

    [Fact]
    public void Sessions_do_not_depend_on_arrival_order()
    {
        var spec = new WindowSpec.Session(5);
        Gen.Select(Gen.Select(Gen.Int[0, 1].Select(i => "ab"[i].ToString()), Gen.Long[0, 60], AccumulatorTests.Value).Array[1, 30], Gen.Int)
            .Sample((events, seed) =>
            {
                // Distinct times, so first and last do not hang on ties; collect is order-dependent and left out.
                var keyed = events.Select((t, i) => Brute.Event(t.Item1, (t.Item2 * 50) + i, t.Item3)).ToList();
                var shuffled = keyed.OrderBy(_ => new Random(seed).Next()).ToList();
                string[] Sessions(IEnumerable<KeyedEvent> input)
                {
                    var op = new WindowOperator(spec, Brute.Specs, LatePolicy.Drop);
                    var output = new WindowOutput();
                    foreach (var e in input)
                    {
                        op.Add(e, output);
                    }
                    op.AdvanceWatermark(long.MaxValue, output);
                    return output.Results.Select(r => $"{r.Key}[{r.WindowStart},{r.WindowEnd}) {string.Join(" ", r.Values.Where((_, i) => i != 7))}").ToArray();
                }
                return Sessions(keyed.OrderBy(e => e.Timestamp)).SequenceEqual(Sessions(shuffled));
            });
    }
}
