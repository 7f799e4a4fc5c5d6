using System.Text;
using OrleansStreams.Keyspace;
using OrleansStreams.Replies;
using static OrleansStreams.Resp.UnitTests.Keyspace.KeyspaceTestExtensions;

namespace OrleansStreams.Resp.UnitTests.Keyspace;

public class StreamKeyTests
{
    private readonly KeyspaceDatabase _db = new();

    private static byte[] K(string key) => Encoding.UTF8.GetBytes(key);

    [Fact]
    public void Register_creates_stream_key_and_is_idempotent()
    {
        Assert.Equal(KeyspaceError.None, _db.TryRegisterStream(K("s"), T0));
        Assert.Equal(KeyspaceError.None, _db.TryRegisterStream(K("s"), T0));
        Assert.Equal("stream", _db.TypeOf(K("s"), T0));
        Assert.Equal(Int(1), _db.Resp("DBSIZE"));
        Assert.Single(_db.StreamKeys);
    }

    [Fact]
    public void Register_over_another_type_is_wrongtype()
    {
        _db.Run("SET s v");
        Assert.Equal(KeyspaceError.WrongType, _db.TryRegisterStream(K("s"), T0));
    }

    [Fact]
    public void Type_specific_commands_on_stream_are_wrongtype()
    {
        _db.TryRegisterStream(K("s"), T0);
        foreach (var command in new[] { "GET s", "HGET s f", "LPUSH s a", "SADD s a", "INCR s", "APPEND s x" })
        {
            Assert.Equal(Error(RedisErrors.WrongType), _db.Resp(command));
        }
        Assert.Empty(_db.DrainEffects());
    }

    [Fact]
    public void Del_and_set_over_stream_report_stream_deleted()
    {
        _db.TryRegisterStream(K("a"), T0);
        _db.TryRegisterStream(K("b"), T0);
        Assert.Equal(Int(1), _db.Resp("DEL a"));
        Assert.Equal(Ok, _db.Resp("SET b v"));
        var effects = _db.DrainEffects();
        Assert.Equal(["a", "b"], effects.Cast<StreamDeleted>().Select(e => Encoding.UTF8.GetString(e.Key)));
        Assert.Empty(_db.DrainEffects());
    }

    [Fact]
    public void Rename_of_stream_over_stream_reports_delete_then_rename()
    {
        _db.TryRegisterStream(K("a"), T0);
        _db.TryRegisterStream(K("b"), T0);
        Assert.Equal(Ok, _db.Resp("RENAME a b"));
        var effects = _db.DrainEffects();
        Assert.Equal(2, effects.Count);
        Assert.Equal("b", Encoding.UTF8.GetString(Assert.IsType<StreamDeleted>(effects[0]).Key));
        var renamed = Assert.IsType<StreamRenamed>(effects[1]);
        Assert.Equal(("a", "b"), (Encoding.UTF8.GetString(renamed.From), Encoding.UTF8.GetString(renamed.To)));
        Assert.Equal("+stream\r\n", _db.Resp("TYPE b"));
    }

    [Fact]
    public void Expiry_changes_of_a_stream_are_reported_and_move_with_rename()
    {
        _db.TryRegisterStream(K("a"), T0);
        Assert.Equal(":1\r\n", _db.Resp("PEXPIRE a 5000"));
        Assert.Equal(T0 + 5000, Assert.IsType<StreamExpiry>(Assert.Single(_db.DrainEffects())).AtMs);
        Assert.Equal(Ok, _db.Resp("RENAME a b"));
        var effects = _db.DrainEffects();
        Assert.Equal(2, effects.Count);
        var moved = Assert.IsType<StreamExpiry>(effects[0]);
        Assert.Equal(("b", T0 + 5000), (Encoding.UTF8.GetString(moved.Key), moved.AtMs));
        Assert.IsType<StreamRenamed>(effects[1]);
        Assert.Equal(":1\r\n", _db.Resp("PERSIST b"));
        Assert.Null(Assert.IsType<StreamExpiry>(Assert.Single(_db.DrainEffects())).AtMs);
        Assert.Equal(":0\r\n", _db.Resp("PERSIST b"));
        Assert.Empty(_db.DrainEffects());
    }

    [Fact]
    public void Expired_stream_reports_stream_deleted_lazily_and_when_reaped()
    {
        _db.TryRegisterStream(K("a"), T0);
        _db.TryRegisterStream(K("b"), T0);
        _db.Run("PEXPIRE a 10");
        _db.Run("PEXPIRE b 10");
        Assert.Equal(Int(9), _db.Resp("PTTL a", T0 + 1));
        Assert.Equal(Int(0), _db.Resp("EXISTS a", T0 + 11));
        Assert.Equal(1, _db.ReapExpired(T0 + 11, 10));
        Assert.Equal(2, _db.DrainEffects().OfType<StreamDeleted>().Count());
    }

    [Fact]
    public void Flushdb_reports_every_stream()
    {
        _db.TryRegisterStream(K("a"), T0);
        _db.Run("SET x 1");
        _db.Run("FLUSHDB");
        Assert.Single(_db.DrainEffects());
        Assert.Equal(0, _db.Count);
    }

    [Fact]
    public void Persist_keys_and_scan_see_streams()
    {
        _db.TryRegisterStream(K("s"), T0);
        Assert.Equal(Int(1), _db.Resp("EXPIRE s 100"));
        Assert.Equal(Int(1), _db.Resp("PERSIST s"));
        Assert.Equal(Array("s"), _db.Resp("KEYS *"));
        Assert.Equal("*2\r\n$1\r\n0\r\n" + Array("s"), _db.Resp("SCAN 0 TYPE stream"));
    }
}
