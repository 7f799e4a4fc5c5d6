using CsCheck;
using OrleansStreams.Processing;

namespace OrleansStreams.Core.UnitTests.Processing;

public sealed class AccumulatorTests
{
    internal static readonly Gen<string?> Value = Gen.Frequency((4, Gen.Int[-20, 20].Select(i => (string?)i.ToString())), (1, Gen.Const((string?)"x")), (1, Gen.Const((string?)null)));

    internal static readonly Gen<KeyedEvent[]> Events = Gen.Select(Gen.Long[0, 50], Value).Array[0, 30]
        .Select(a => a.Select(p => Brute.Event("k", p.Item1, p.Item2)).ToArray());

    private static Accumulator Fill(IEnumerable<KeyedEvent> events)
    {
        var accumulator = Accumulator.Create(Brute.Specs);
        foreach (var e in events)
        {
            accumulator.Add(e);
        }
        return accumulator;
    }

    private static string?[] Of(params string?[] values) => values;

    private static string[] Run(AggregateOp op, params string?[] values)
    {
        var accumulator = Accumulator.Create([new AggregateSpec(op, "v", "out", Limit: 3)]);
        for (var i = 0; i < values.Length; i++)
        {
            accumulator.Add(new KeyedEvent("k", i, default, [values[i]]));
        }
        return accumulator.Results();
    }

    [Fact]
    public void Aggregates_equal_a_recomputation_over_the_events()
    {
        Events.Sample(events => Fill(events).Results().SequenceEqual(Brute.Aggregate(events)));
    }

    [Fact]
    public void Merging_a_later_part_gives_the_same_results_as_adding_all_events()
    {
        Gen.Select(Events, Gen.Int[0, 30]).Sample((events, cut) =>
        {
            cut = Math.Min(cut, events.Length);
            var merged = Fill(events.Take(cut));
            merged.Merge(Fill(events.Skip(cut)));
            return merged.Results().SequenceEqual(Fill(events).Results());
        });
    }

    [Fact]
    public void Merging_any_split_gives_the_same_order_free_aggregates()
    {
        Gen.Select(Events, Gen.Bool.Array[30]).Sample((events, side) =>
        {
            // Distinct times make first and last independent of arrival; collect depends on order and is left out.
            var distinct = events.Select((e, i) => e with { Timestamp = (e.Timestamp * 100) + i }).ToArray();
            var a = Fill(distinct.Where((_, i) => side[i]));
            a.Merge(Fill(distinct.Where((_, i) => !side[i])));
            var expected = Fill(distinct.Reverse()).Results();
            var actual = a.Results();
            return actual.Where((_, i) => i != 7).SequenceEqual(expected.Where((_, i) => i != 7));
        });
    }

    [Fact]
    public void Snapshot_round_trip_keeps_every_aggregate()
    {
        Events.Sample(events =>
        {
            using var buffer = new MemoryStream();
            Fill(events).WriteTo(new BinaryWriter(buffer));
            buffer.Position = 0;
            var copy = Accumulator.ReadFrom(new BinaryReader(buffer), Brute.Specs);
            copy.Add(Brute.Event("k", 7, "5"));
            return copy.Results().SequenceEqual(Fill(events.Append(Brute.Event("k", 7, "5"))).Results());
        });
    }

    [Fact]
    public void Sums_stay_exact_integers_and_fall_back_to_double()
    {
        Assert.Equal(["0"], Run(AggregateOp.Sum));
        Assert.Equal(["9007199254740993"], Run(AggregateOp.Sum, "9007199254740992", "1"));
        Assert.Equal(["1.5"], Run(AggregateOp.Sum, "1", "0.5", "x", null));
        Assert.Equal(["1.8446744073709552E+19"], Run(AggregateOp.Sum, long.MaxValue.ToString(), long.MaxValue.ToString(), "2"));
        Assert.Equal(["0.30000000000000004"], Run(AggregateOp.Sum, "0.1", "0.2"));
        Assert.Equal(["3"], Run(AggregateOp.Sum, "1.0", "2", "NaN", "Infinity"));
    }

    [Fact]
    public void Avg_min_and_max_of_nothing_are_empty_and_print_numbers_invariantly()
    {
        Assert.Equal([""], Run(AggregateOp.Avg, "x", null));
        Assert.Equal([""], Run(AggregateOp.Min));
        Assert.Equal([""], Run(AggregateOp.Max, "abc"));
        Assert.Equal(["2"], Run(AggregateOp.Avg, "1", "3"));
        Assert.Equal(["1.5"], Run(AggregateOp.Avg, "1", "2"));
        Assert.Equal(["-2.5"], Run(AggregateOp.Min, "3", "-2.5", "1e2"));
        Assert.Equal(["100"], Run(AggregateOp.Max, "3", "-2.5", "1e2"));
    }

    [Fact]
    public void First_and_last_break_time_ties_by_arrival()
    {
        var specs = new[] { new AggregateSpec(AggregateOp.First, "v", "first"), new AggregateSpec(AggregateOp.Last, "v", "last") };
        var accumulator = Accumulator.Create(specs);
        accumulator.Add(new KeyedEvent("k", 5, default, Of("a", "a")));
        accumulator.Add(new KeyedEvent("k", 5, default, Of("b", "b")));
        accumulator.Add(new KeyedEvent("k", 9, default, Of(null, null)));
        accumulator.Add(new KeyedEvent("k", 1, default, Of("c", null)));
        Assert.Equal(["c", "b"], accumulator.Results());
    }

    [Fact]
    public void Count_distinct_saturates_at_the_limit_and_collect_keeps_the_first_values_as_json()
    {
        Assert.Equal(["3"], Run(AggregateOp.CountDistinct, "a", "b", "a", "c", "d", null));
        Assert.Equal(["[\"a\",\"é\\\"\",\"a\"]"], Run(AggregateOp.Collect, "a", null, "é\"", "a", "z"));
        Assert.Equal(["[]"], Run(AggregateOp.Collect));
        Assert.Equal(["0"], Run(AggregateOp.Duration, "only"));
    }

    [Fact]
    public void Estimated_size_grows_with_collected_values()
    {
        var accumulator = Accumulator.Create([new AggregateSpec(AggregateOp.Collect, "v", "all")]);
        var empty = accumulator.EstimatedBytes;
        accumulator.Add(new KeyedEvent("k", 1, default, [new string('x', 1000)]));
        Assert.True(accumulator.EstimatedBytes >= empty + 2000);
    }
}
