using CsCheck;
using OrleansStreams.Processing;

namespace OrleansStreams.Core.UnitTests.Processing;

public sealed class WatermarkTests
{
    [Fact]
    public void Bounded_watermark_is_the_highest_time_seen_minus_the_bound_and_never_goes_back()
    {
        Gen.Long[-1000, 1000].Array[1, 50].Sample(times =>
        {
            var generator = WatermarkGenerators.Create(new WatermarkSpec.Bounded(100));
            var max = long.MinValue;
            foreach (var ts in times)
            {
                generator.OnEvent(ts, 0);
                max = Math.Max(max, ts);
                if (generator.Current != max - 100)
                {
                    return false;
                }
            }
            return true;
        });
    }

    [Fact]
    public void Monotonic_watermark_is_the_highest_time_seen()
    {
        var generator = WatermarkGenerators.Create(new WatermarkSpec.Monotonic());
        Assert.Equal(long.MinValue, generator.Current);
        generator.OnEvent(50, 0);
        generator.OnEvent(20, 1);
        Assert.Equal(50, generator.Current);
        generator.OnEvent(70, 2);
        Assert.Equal(70, generator.Current);
    }

    [Fact]
    public void Periodic_watermark_follows_the_wall_clock_once_events_stop_for_the_interval()
    {
        var generator = WatermarkGenerators.Create(new WatermarkSpec.Periodic(IntervalMs: 1000, MaxOutOfOrderMs: 10));
        generator.OnTick(0);
        Assert.Equal(long.MinValue, generator.Current);
        generator.OnEvent(5000, 100);
        Assert.Equal(4990, generator.Current);
        generator.OnTick(900);
        Assert.Equal(4990, generator.Current);
        generator.OnTick(1100);
        Assert.Equal(4990 + 1000, generator.Current);
        generator.OnTick(1600);
        Assert.Equal(4990 + 1500, generator.Current);

        // An event behind the advanced watermark does not pull it back; a newer one moves it on as bounded.
        generator.OnEvent(5100, 1700);
        Assert.Equal(6490, generator.Current);
        generator.OnEvent(7000, 1800);
        Assert.Equal(6990, generator.Current);
        generator.OnTick(2500);
        Assert.Equal(6990, generator.Current);
    }

    [Fact]
    public void A_partition_is_idle_after_the_timeout_without_events_and_never_with_timeout_zero()
    {
        var generator = WatermarkGenerators.Create(new WatermarkSpec.Bounded(0) { IdleTimeoutMs = 500 });
        Assert.False(generator.IsIdle(10_000));
        generator.OnTick(1000);
        Assert.False(generator.IsIdle(1499));
        Assert.True(generator.IsIdle(1500));
        generator.OnEvent(1, 1600);
        Assert.False(generator.IsIdle(2000));
        Assert.True(generator.IsIdle(2100));

        var never = WatermarkGenerators.Create(new WatermarkSpec.Monotonic { IdleTimeoutMs = 0 });
        never.OnEvent(1, 0);
        Assert.False(never.IsIdle(long.MaxValue / 2));
    }

    [Fact]
    public void Pipeline_watermark_is_the_minimum_of_active_partitions_or_the_maximum_when_all_idle()
    {
        var watermarks = new PartitionWatermarks();
        Assert.Equal(long.MinValue, watermarks.Current);
        watermarks.Update("p1", 50, false);
        watermarks.Update("p0", 100, false);
        Assert.Equal(50, watermarks.Current);
        watermarks.Update("p1", 40, false);
        Assert.Equal((50, false), watermarks.Partitions["p1"]);
        watermarks.Update("p1", 60, true);
        Assert.Equal(100, watermarks.Current);
        watermarks.Update("p0", 120, true);
        Assert.Equal(120, watermarks.Current);
        // A partition waking up behind the others does not pull the pipeline's watermark back.
        watermarks.Update("p1", 70, false);
        Assert.Equal(120, watermarks.Current);
    }

    [Fact]
    public void Pipeline_watermark_matches_a_recomputation_and_survives_a_round_trip()
    {
        Gen.Select(Gen.Int[0, 3], Gen.Long[0, 1000], Gen.Bool).Array[1, 40].Sample(updates =>
        {
            var watermarks = new PartitionWatermarks();
            var model = new Dictionary<string, (long, bool)>();
            var best = long.MinValue;
            foreach (var (p, wm, idle) in updates)
            {
                var name = "p" + p;
                watermarks.Update(name, wm, idle);
                if (!model.TryGetValue(name, out var known) || wm >= known.Item1)
                {
                    model[name] = (wm, idle);
                }
                var active = model.Values.Where(v => !v.Item2).Select(v => v.Item1).ToList();
                best = Math.Max(best, active.Count > 0 ? active.Min() : model.Values.Max(v => v.Item1));
                if (watermarks.Current != best)
                {
                    return false;
                }
            }
            using var buffer = new MemoryStream();
            watermarks.WriteTo(new BinaryWriter(buffer));
            buffer.Position = 0;
            var copy = PartitionWatermarks.ReadFrom(new BinaryReader(buffer));
            return copy.Current == best && copy.Partitions.OrderBy(p => p.Key).SequenceEqual(model.OrderBy(p => p.Key));
        });
    }
}
