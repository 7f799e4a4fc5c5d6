using CsCheck;
using OrleansStreams.Processing;

namespace OrleansStreams.Core.UnitTests.Processing;

public sealed class WindowAssignerTests
{
    [Fact]
    public void Tumbling_windows_are_the_one_aligned_window_containing_the_time_also_below_zero()
    {
        Gen.Select(Gen.Long[-10_000, 10_000], Gen.Long[1, 50], Gen.Long[-60, 60]).Sample((ts, size, offset) =>
        {
            var expected = Brute.Windows(ts, size, size, offset);
            var actual = new List<TimeWindow>();
            WindowAssigner.Assign(new WindowSpec.Tumbling(size, offset), ts, actual);
            return expected.SequenceEqual(actual);
        });
    }

    [Fact]
    public void Sliding_windows_are_every_aligned_window_containing_the_time_ascending()
    {
        Gen.Select(Gen.Long[-10_000, 10_000], Gen.Long[1, 50], Gen.Long[1, 60]).Sample((ts, size, slide) =>
        {
            var expected = Brute.Windows(ts, size, slide, 0);
            var actual = new List<TimeWindow>();
            WindowAssigner.Assign(new WindowSpec.Sliding(size, slide), ts, actual);
            return expected.SequenceEqual(actual);
        });
    }

    [Fact]
    public void A_session_event_gets_its_proto_window()
    {
        var output = new List<TimeWindow>();
        WindowAssigner.Assign(new WindowSpec.Session(30), -5, output);
        Assert.Equal([new TimeWindow(-5, 25)], output);
    }

    [Fact]
    public void Count_windows_are_not_assigned_by_time()
    {
        Assert.Throws<NotSupportedException>(() => WindowAssigner.Assign(new WindowSpec.Count(3), 1, []));
    }
}
