using OrleansStreams.Processing;

namespace OrleansStreams.Core.UnitTests.Processing;

/// <summary>Worked examples of the late policies; the generated model tests cover the general case.</summary>
public sealed class WindowOperatorTests
{
    private static readonly AggregateSpec[] SumAndCollect = [new(AggregateOp.Sum, "v", "sum"), new(AggregateOp.Collect, "v", "all")];

    private static KeyedEvent E(long ts, string value) => new("k", ts, default, [value, value]);

    private static List<string> Feed(WindowOperator op, params object[] steps)
    {
        var output = new WindowOutput();
        foreach (var step in steps)
        {
            if (step is KeyedEvent e)
            {
                op.Add(e, output);
            }
            else
            {
                op.AdvanceWatermark((long)step, output);
            }
        }
        return output.Results.Select(r => $"[{r.WindowStart},{r.WindowEnd}){(r.IsUpdate ? "+" : "")} {string.Join(" ", r.Values)}").ToList();
    }

    [Fact]
    public void Allowed_lateness_re_emits_an_updated_window_until_its_end_plus_the_lateness()
    {
        var op = new WindowOperator(new WindowSpec.Tumbling(10), SumAndCollect, new LatePolicy(LatePolicyKind.AllowedLateness, 5));
        var output = new WindowOutput();
        Assert.Equal(
            ["[0,10) 3 [\"1\",\"2\"]", "[0,10)+ 7 [\"1\",\"2\",\"4\"]"],
            Feed(op, E(1, "1"), E(5, "2"), 10L, E(3, "4")));
        Assert.Equal(1, op.OpenWindows);
        op.AdvanceWatermark(15, output);
        Assert.Equal(0, op.OpenWindows);
        op.Add(E(4, "8"), output);
        Assert.Equal(1, output.LateDropped);
    }

    [Fact]
    public void Recompute_gives_the_result_of_events_in_event_time_order()
    {
        var op = new WindowOperator(new WindowSpec.Tumbling(10), SumAndCollect, new LatePolicy(LatePolicyKind.Recompute, 5));
        Assert.Equal(
            ["[0,10) 3 [\"2\",\"1\"]", "[0,10)+ 7 [\"4\",\"2\",\"1\"]"],
            Feed(op, E(5, "1"), E(2, "2"), 10L, E(0, "4")));
    }

    [Fact]
    public void A_late_event_can_bridge_two_fired_sessions_into_one_update()
    {
        var op = new WindowOperator(new WindowSpec.Session(5), SumAndCollect, new LatePolicy(LatePolicyKind.Recompute, 100));
        Assert.Equal(
            ["[0,5) 1 [\"1\"]", "[10,15) 2 [\"2\"]", "[0,15)+ 7 [\"1\",\"4\",\"2\"]"],
            Feed(op, E(0, "1"), E(10, "2"), 20L, E(5, "4")));
        Assert.Equal(1, op.OpenWindows);
    }

    [Fact]
    public void Side_output_hands_back_events_late_for_all_their_windows()
    {
        var op = new WindowOperator(new WindowSpec.Sliding(10, 5), SumAndCollect, new LatePolicy(LatePolicyKind.SideOutput, Stream: "late"));
        var output = new WindowOutput();
        op.AdvanceWatermark(10, output);
        op.Add(E(7, "1"), output);
        op.Add(E(3, "2"), output);
        Assert.Equal([3L], output.Late.Select(e => e.Timestamp));
        Assert.Equal(1, op.OpenWindows);
    }

    [Fact]
    public void Count_windows_fire_every_size_events_per_key_spanning_their_times()
    {
        var op = new WindowOperator(new WindowSpec.Count(2), SumAndCollect, LatePolicy.Drop);
        Assert.Equal(["[3,10) 3 [\"1\",\"2\"]"], Feed(op, E(9, "1"), 100L, E(3, "2"), E(4, "5")));
        Assert.Equal(1, op.OpenWindows);
    }
}
