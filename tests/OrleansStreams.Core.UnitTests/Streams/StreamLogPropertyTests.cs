using CsCheck;
using OrleansStreams.Streams;

namespace OrleansStreams.Core.UnitTests.Streams;

/// <summary>The log against a sorted list of IDs: appends, deletes, exact trims and ranges agree.</summary>
public class StreamLogPropertyTests
{
    private enum Op
    {
        Append,
        Delete,
        TrimMaxLen,
        TrimMinId,
        Range,
    }

    [Fact]
    public void Log_behaves_like_a_sorted_list()
    {
        var gen = Gen.Select(Gen.Enum<Op>(), Gen.Int[0, 50], Gen.Int[0, 50]).Array[1, 200];
        gen.Sample(ops =>
        {
            var log = new StreamLog(new StreamLogOptions { NodeMaxEntries = 3, NodesPerSegment = 2 });
            var model = new List<ulong>();
            ulong next = 1;
            foreach (var (op, a, b) in ops)
            {
                switch (op)
                {
                    case Op.Append:
                        log.Append(new StreamEntry(new StreamEntryId(next, 0), []));
                        model.Add(next++);
                        break;
                    case Op.Delete:
                        var expected = model.Remove((ulong)a) ? 1 : 0;
                        if (log.Delete([new StreamEntryId((ulong)a, 0)]) != expected)
                        {
                            return false;
                        }
                        break;
                    case Op.TrimMaxLen:
                        var removed = Math.Max(0, model.Count - a);
                        model.RemoveRange(0, removed);
                        if (log.Trim(new StreamTrim(TrimStrategy.MaxLen, a, default, false, 0)) != removed)
                        {
                            return false;
                        }
                        break;
                    case Op.TrimMinId:
                        var below = model.Count(x => x < (ulong)a);
                        model.RemoveAll(x => x < (ulong)a);
                        if (log.Trim(new StreamTrim(TrimStrategy.MinId, 0, new StreamEntryId((ulong)a, 0), false, 0)) != below)
                        {
                            return false;
                        }
                        break;
                    case Op.Range:
                        var (lo, hi) = a <= b ? (a, b) : (b, a);
                        var want = model.Where(x => x >= (ulong)lo && x <= (ulong)hi).ToList();
                        var got = log.Range(new StreamEntryId((ulong)lo, 0), new StreamEntryId((ulong)hi, 0), 0, false).Select(e => e.Id.Ms).ToList();
                        var rev = log.Range(new StreamEntryId((ulong)lo, 0), new StreamEntryId((ulong)hi, 0), 0, true).Select(e => e.Id.Ms).Reverse().ToList();
                        if (!want.SequenceEqual(got) || !want.SequenceEqual(rev))
                        {
                            return false;
                        }
                        break;
                }
                if (log.Length != model.Count)
                {
                    return false;
                }
            }
            return true;
        });
    }
}
