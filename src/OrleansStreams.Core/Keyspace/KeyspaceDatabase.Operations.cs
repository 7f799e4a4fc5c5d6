using Op = OrleansStreams.Keyspace.KeyspaceOperation;

namespace OrleansStreams.Keyspace;

/// <summary>Typed operations: one <see cref="KeyspaceOperation"/> in, one <see cref="KeyspaceResult"/> out.</summary>
public sealed partial class KeyspaceDatabase
{
    /// <summary>Runs one operation at <paramref name="nowMs"/> (Unix ms): expiry checks and relative TTLs use it.</summary>
    public KeyspaceResult Execute(KeyspaceOperation operation, long nowMs) => operation switch
    {
        // Keys and expiry
        Op.Delete o => Del(o.Keys, nowMs),
        Op.Exists o => Exists(o.Keys, nowMs),
        Op.TypeOf o => new KeyspaceResult.TypeName(TypeOf(o.Key, nowMs)),
        Op.KeysMatching o => Keys(o.Pattern, nowMs),
        Op.Scan o => Scan(o, nowMs),
        Op.DbSize => KeyspaceResult.Count(Count),
        Op.Rename o => Rename(o.From, o.To, o.OnlyIfNew, nowMs),
        Op.FlushDb => FlushDb(),
        Op.Copy o => Copy(o.Source, o.Destination, o.Replace, nowMs),
        Op.RandomKey => RandomKey(nowMs),
        Op.Expire o => Expire(o, nowMs),
        Op.TimeToLive o => Ttl(o.Key, nowMs, o.Milliseconds, o.Absolute),
        Op.Persist o => Persist(o.Key, nowMs),
        Op.Probe o => Probe(o.Key, o.Type, nowMs),
        Op.Restore o => Restore(o, nowMs),
        // Strings
        Op.Get o => Get(o.Key, nowMs),
        Op.Set o => Set(o, nowMs),
        Op.SetNx o => SetNx(o.Key, o.Value, nowMs),
        Op.SetEx o => SetEx(o.Key, o.Seconds, o.Value, nowMs),
        Op.IncrBy o => IncrBy(o.Key, o.Increment, nowMs),
        Op.IncrByFloat o => IncrByFloat(o.Key, o.Increment, nowMs),
        Op.MGet o => MGet(o.Keys, nowMs),
        Op.MSet { OnlyIfNoneExist: false } o => MSet(o.KeysAndValues),
        Op.MSet o => MSetNx(o.KeysAndValues, nowMs),
        Op.Append o => Append(o.Key, o.Value, nowMs),
        Op.StrLen o => StrLen(o.Key, nowMs),
        Op.GetSet o => GetSet(o.Key, o.Value, nowMs),
        Op.GetDel o => GetDel(o.Key, nowMs),
        Op.GetEx o => GetEx(o.Key, o.Expiry, o.RemoveTtl, nowMs),
        Op.GetRange o => GetRange(o.Key, o.Start, o.End, nowMs),
        Op.SetRange o => SetRange(o.Key, o.Offset, o.Value, nowMs),
        // Hashes
        Op.HSet o => HSet(o.Key, o.FieldsAndValues, nowMs),
        Op.HSetNx o => HSetNx(o.Key, o.Field, o.Value, nowMs),
        Op.HGet o => HGet(o.Key, o.Field, nowMs),
        Op.HMGet o => HMGet(o.Key, o.Fields, nowMs),
        Op.HGetAll o => HGetAll(o.Key, nowMs),
        Op.HDel o => HDel(o.Key, o.Fields, nowMs),
        Op.HLen o => HLen(o.Key, nowMs),
        Op.HKeys o => HKeys(o.Key, nowMs),
        Op.HVals o => HVals(o.Key, nowMs),
        Op.HExists o => HExists(o.Key, o.Field, nowMs),
        Op.HIncrBy o => HIncrBy(o.Key, o.Field, o.Increment, nowMs),
        Op.HIncrByFloat o => HIncrByFloat(o.Key, o.Field, o.Increment, nowMs),
        Op.HStrLen o => HStrLen(o.Key, o.Field, nowMs),
        Op.HRandField o => HRandField(o.Key, o.Count, o.WithValues, nowMs),
        Op.HScan o => HScan(o, nowMs),
        // Lists
        Op.Push o => Push(o.Key, o.Values, o.Head, o.OnlyIfExists, nowMs),
        Op.Pop o => Pop(o.Key, o.Head, o.Count, nowMs),
        Op.LRange o => LRange(o.Key, o.Start, o.End, nowMs),
        Op.LLen o => LLen(o.Key, nowMs),
        Op.LIndex o => LIndex(o.Key, o.Index, nowMs),
        Op.LSet o => LSet(o.Key, o.Index, o.Value, nowMs),
        Op.LRem o => LRem(o.Key, o.Count, o.Element, nowMs),
        Op.LInsert o => LInsert(o.Key, o.After, o.Pivot, o.Element, nowMs),
        Op.LTrim o => LTrim(o.Key, o.Start, o.End, nowMs),
        Op.LPos o => LPos(o, nowMs),
        Op.LMove o => Move(o.Source, o.Destination, o.FromHead, o.ToHead, nowMs),
        // Sets
        Op.SAdd o => SAdd(o.Key, o.Members, nowMs),
        Op.SRem o => SRem(o.Key, o.Members, nowMs),
        Op.SMembers o => SMembers(o.Key, nowMs),
        Op.SCard o => SCard(o.Key, nowMs),
        Op.SIsMember o => SIsMember(o.Key, o.Member, nowMs),
        Op.SMIsMember o => SMIsMember(o.Key, o.Members, nowMs),
        Op.SetCombine o => SetCombine(o.Algebra, o.Keys, o.Destination, nowMs),
        Op.SInterCard o => SInterCard(o.Keys, o.Limit, nowMs),
        Op.SMove o => SMove(o.Source, o.Destination, o.Member, nowMs),
        Op.SPop o => SPop(o.Key, o.Count, nowMs),
        Op.SRandMember o => SRandMember(o.Key, o.Count, nowMs),
        _ => throw new ArgumentException($"Unknown keyspace operation {operation.GetType().Name}.", nameof(operation)),
    };

    /// <summary>
    /// True for operations that can change the keyspace and so must be journaled. Reads never change what a later
    /// operation observes: a key they lazily expire is also treated as absent by every later one, which carries a
    /// later time. Stream registration (<see cref="TryRegisterStream"/>) is not an operation: the caller journals it.
    /// </summary>
    public static bool IsWrite(KeyspaceOperation operation) => operation is
        Op.Delete or Op.Rename or Op.FlushDb or Op.Copy or Op.Expire or Op.Persist or Op.Restore
        or Op.Set or Op.SetNx or Op.SetEx or Op.IncrBy or Op.IncrByFloat or Op.MSet or Op.Append
        or Op.GetSet or Op.GetDel or Op.GetEx or Op.SetRange
        or Op.HSet or Op.HSetNx or Op.HDel or Op.HIncrBy or Op.HIncrByFloat
        or Op.Push or Op.Pop or Op.LSet or Op.LRem or Op.LInsert or Op.LTrim or Op.LMove
        or Op.SAdd or Op.SRem or Op.SetCombine { Destination: not null } or Op.SMove or Op.SPop;

    /// <summary>Re-runs a journaled operation at its journaled time; effects are produced as by <see cref="Execute"/>.</summary>
    public KeyspaceResult Replay(KeyspaceOperation operation, long nowMs) => Execute(operation, nowMs);

    /// <summary>Whether <paramref name="key"/> exists with <paramref name="type"/>: 1, 0 when missing, WRONGTYPE.</summary>
    private KeyspaceResult Probe(byte[] key, KeyType type, long nowMs)
    {
        var entry = Lookup(key, nowMs, type, out var error);
        return error ?? (entry is null ? KeyspaceResult.Zero : KeyspaceResult.One);
    }
}
