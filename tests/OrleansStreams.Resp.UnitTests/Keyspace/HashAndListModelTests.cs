using CsCheck;
using OrleansStreams.Keyspace;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

/// <summary>Hashes against an ordered list of pairs and lists against a List, driven by CsCheck.</summary>
public class HashAndListModelTests
{
    [Fact]
    public void Hash_commands_agree_with_an_ordered_pair_model() =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 6], Gen.Int[0, 9], (op, f, v) => (op, f, v)).Array[0, 80].Sample(ops =>
        {
            var db = new KeyspaceDatabase();
            var model = new List<(string Field, string Value)>();
            foreach (var (op, f, v) in ops)
            {
                var field = "f" + f;
                var index = model.FindIndex(p => p.Field == field);
                switch (op)
                {
                    case 0:
                        Assert.Equal(Int(index < 0 ? 1 : 0), db.Resp($"HSET h {field} {v}"));
                        if (index < 0) { model.Add((field, v.ToString())); } else { model[index] = (field, v.ToString()); }
                        break;
                    case 1:
                        Assert.Equal(Int(index < 0 ? 0 : 1), db.Resp($"HDEL h {field}"));
                        if (index >= 0) { model.RemoveAt(index); }
                        break;
                    case 2:
                        Assert.Equal(index < 0 ? Nil : Bulk(model[index].Value), db.Resp($"HGET h {field}"));
                        break;
                    default:
                        var sum = (index < 0 ? 0 : long.Parse(model[index].Value)) + v;
                        Assert.Equal(Int(sum), db.Resp($"HINCRBY h {field} {v}"));
                        if (index < 0) { model.Add((field, sum.ToString())); } else { model[index] = (field, sum.ToString()); }
                        break;
                }
                Assert.Equal(Array(model.SelectMany(p => new[] { p.Field, p.Value }).ToArray()), db.Resp("HGETALL h"));
                Assert.Equal(Int(model.Count), db.Resp("HLEN h"));
            }
        });

    [Fact]
    public void List_commands_agree_with_a_list_model() =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 4], Gen.Int[-6, 6], (op, n, i) => (op, n, i)).Array[0, 80].Sample(ops =>
        {
            var db = new KeyspaceDatabase();
            var model = new List<string>();
            var next = 0;
            foreach (var (op, n, i) in ops)
            {
                switch (op)
                {
                    case 0:
                        var pushed = Enumerable.Range(0, n + 1).Select(_ => "e" + next++).ToArray();
                        db.Run("LPUSH l " + string.Join(' ', pushed));
                        model.InsertRange(0, pushed.Reverse());
                        break;
                    case 1:
                        db.Run($"RPUSH l e{next}");
                        model.Add("e" + next++);
                        break;
                    case 2:
                        var popped = model.TakeLast(n).Reverse().ToArray();
                        Assert.Equal(model.Count == 0 ? NilArray : Array(popped), db.Resp($"RPOP l {n}"));
                        model.RemoveRange(model.Count - popped.Length, popped.Length);
                        break;
                    default:
                        var start = i < 0 ? Math.Max(0, model.Count + i) : i;
                        var end = Math.Min(model.Count - 1, n);
                        var expected = start > end ? [] : model.GetRange(start, end - start + 1).ToArray();
                        Assert.Equal(Array(expected), db.Resp($"LRANGE l {i} {n}"));
                        break;
                }
                Assert.Equal(Array([.. model]), db.Resp("LRANGE l 0 -1"));
            }
        });
}
