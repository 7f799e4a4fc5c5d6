using System.Text;
using OrleansStreams.Keyspace;
using OrleansStreams.Parsing;
using OrleansStreams.Replies;
using Op = OrleansStreams.Keyspace.KeyspaceOperation;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// Parses the keyspace commands (keys, strings, hashes, lists, sets) into typed operations with Redis 7.0's
/// argument rules and error texts, in Redis' order. Arity is checked before, by the command table.
/// </summary>
public static partial class KeyspaceCommandParser
{
    private const int MaxNameLength = 16;

    private static readonly Dictionary<string, Func<byte[][], KeyspaceCall>> Parsers = Build();
    private static readonly Dictionary<string, Func<byte[][], KeyspaceCall>>.AlternateLookup<ReadOnlySpan<char>> ByName =
        Parsers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The names of the commands parsed here.</summary>
    public static IEnumerable<string> Names => Parsers.Keys;

    /// <summary>True when <paramref name="name"/> is a keyspace command.</summary>
    public static bool Handles(ReadOnlySpan<byte> name) => Find(name) is not null;

    /// <summary>The call for <paramref name="args"/> (<c>args[0]</c> is the command name in any case; the arity is right).</summary>
    public static KeyspaceCall Parse(byte[][] args) =>
        Find(args[0]) is { } parse ? parse(args) : throw new ArgumentException("Not a keyspace command.", nameof(args));

    private static Func<byte[][], KeyspaceCall>? Find(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameLength)
        {
            return null;
        }
        Span<char> chars = stackalloc char[name.Length];
        var count = Encoding.Latin1.GetChars(name, chars);
        return ByName.TryGetValue(chars[..count], out var parse) ? parse : null;
    }

    private static Dictionary<string, Func<byte[][], KeyspaceCall>> Build()
    {
        var all = new Dictionary<string, Func<byte[][], KeyspaceCall>>(StringComparer.OrdinalIgnoreCase);
        AddKeys(all);
        AddStrings(all);
        AddHashes(all);
        AddLists(all);
        AddSets(all);
        return all;
    }

    private static void AddKeys(Dictionary<string, Func<byte[][], KeyspaceCall>> all)
    {
        all["del"] = static a => new Op.Delete(a[1..]);
        all["unlink"] = static a => new Op.Delete(a[1..]);
        all["exists"] = static a => new Op.Exists(a[1..]);
        // TOUCH counts the keys that exist (this server keeps no LRU clock).
        all["touch"] = static a => new Op.Exists(a[1..]);
        all["type"] = static a => new Op.TypeOf(a[1]);
        all["keys"] = static a => new Op.KeysMatching(a[1]);
        all["scan"] = Scan;
        all["dbsize"] = static _ => new Op.DbSize();
        all["rename"] = static a => new Op.Rename(a[1], a[2], OnlyIfNew: false);
        all["renamenx"] = static a => new Op.Rename(a[1], a[2], OnlyIfNew: true);
        all["flushdb"] = FlushDb;
        all["copy"] = Copy;
        all["randomkey"] = static _ => new Op.RandomKey();
        all["expire"] = static a => Expire(a, seconds: true, absolute: false);
        all["pexpire"] = static a => Expire(a, seconds: false, absolute: false);
        all["expireat"] = static a => Expire(a, seconds: true, absolute: true);
        all["pexpireat"] = static a => Expire(a, seconds: false, absolute: true);
        all["ttl"] = static a => new Op.TimeToLive(a[1], Milliseconds: false, Absolute: false);
        all["pttl"] = static a => new Op.TimeToLive(a[1], Milliseconds: true, Absolute: false);
        all["expiretime"] = static a => new Op.TimeToLive(a[1], Milliseconds: false, Absolute: true);
        all["pexpiretime"] = static a => new Op.TimeToLive(a[1], Milliseconds: true, Absolute: true);
        all["persist"] = static a => new Op.Persist(a[1]);
        all["restore"] = Restore;
    }

    /// <summary><see href="https://redis.io/commands/scan/"/></summary>
    private static KeyspaceCall Scan(byte[][] args)
    {
        if (!ArgParser.TryParseCursor(args[1], out var cursor))
        {
            return KeyspaceCall.Fail(RedisErrors.InvalidCursor);
        }
        var error = ParseScanOptions(args, 2, allowType: true, out var count, out var pattern, out var typeName);
        return error is null ? new Op.Scan(cursor, count, pattern, typeName) : KeyspaceCall.Fail(error);
    }

    /// <summary>
    /// SCAN / HSCAN options as Redis' scanGenericCommand parses them: COUNT, MATCH and (SCAN only) TYPE; MATCH *
    /// is no pattern. Returns the error text, or null.
    /// </summary>
    private static string? ParseScanOptions(byte[][] args, int start, bool allowType, out long count, out byte[]? pattern, out byte[]? typeName)
    {
        (count, pattern, typeName) = (10, null, null);
        for (var i = start; i < args.Length; i += 2)
        {
            var hasValue = i + 1 < args.Length;
            if (ArgParser.Is(args[i], "COUNT") && hasValue)
            {
                if (!ArgParser.TryParseInt64(args[i + 1], out count))
                {
                    return RedisErrors.NotInteger;
                }
                if (count < 1)
                {
                    return RedisErrors.Syntax;
                }
            }
            else if (ArgParser.Is(args[i], "MATCH") && hasValue)
            {
                pattern = args[i + 1] is [(byte)'*'] ? null : args[i + 1];
            }
            else if (ArgParser.Is(args[i], "TYPE") && allowType && hasValue)
            {
                typeName = args[i + 1];
            }
            else
            {
                return RedisErrors.Syntax;
            }
        }
        return null;
    }

    /// <summary><see href="https://redis.io/commands/flushdb/"/>: ASYNC and SYNC are accepted and behave alike.</summary>
    private static KeyspaceCall FlushDb(byte[][] args) =>
        args.Length > 2 || (args.Length == 2 && !ArgParser.Is(args[1], "ASYNC") && !ArgParser.Is(args[1], "SYNC"))
            ? KeyspaceCall.Fail(RedisErrors.Syntax)
            : new Op.FlushDb();

    /// <summary>
    /// <see href="https://redis.io/commands/copy/"/>: the DB option is refused (a database does not know its index),
    /// after Redis' own check of the number.
    /// </summary>
    private static KeyspaceCall Copy(byte[][] args)
    {
        var replace = false;
        for (var j = 3; j < args.Length; j++)
        {
            if (ArgParser.Is(args[j], "REPLACE"))
            {
                replace = true;
            }
            else if (ArgParser.Is(args[j], "DB") && j + 1 < args.Length)
            {
                return KeyspaceCall.Fail(ArgParser.TryParseInt64(args[j + 1], out var db) && db is >= int.MinValue and <= int.MaxValue
                    ? RedisErrors.CopyDbUnsupported
                    : RedisErrors.NotInteger);
            }
            else
            {
                return KeyspaceCall.Fail(RedisErrors.Syntax);
            }
        }
        return args[1].AsSpan().SequenceEqual(args[2])
            ? KeyspaceCall.Fail(RedisErrors.SameObject)
            : new Op.Copy(args[1], args[2], replace);
    }

    /// <summary>
    /// EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT: the options, then the number, as Redis' expireGenericCommand checks them
    /// (overflow is the database's check, as it depends on the time).
    /// </summary>
    private static KeyspaceCall Expire(byte[][] args, bool seconds, bool absolute)
    {
        var condition = ExpireCondition.None;
        foreach (var option in args.AsSpan(3))
        {
            var flag = ArgParser.Is(option, "NX") ? ExpireCondition.Nx
                : ArgParser.Is(option, "XX") ? ExpireCondition.Xx
                : ArgParser.Is(option, "GT") ? ExpireCondition.Gt
                : ArgParser.Is(option, "LT") ? ExpireCondition.Lt
                : ExpireCondition.None;
            if (flag == ExpireCondition.None)
            {
                return KeyspaceCall.Fail(RedisErrors.UnsupportedOption(ArgParser.Text(option)));
            }
            condition |= flag;
        }
        if (condition.HasFlag(ExpireCondition.Nx) && condition != ExpireCondition.Nx)
        {
            return KeyspaceCall.Fail(RedisErrors.ExpireNxAndOthers);
        }
        if (condition.HasFlag(ExpireCondition.Gt) && condition.HasFlag(ExpireCondition.Lt))
        {
            return KeyspaceCall.Fail(RedisErrors.ExpireGtAndLt);
        }
        return ArgParser.TryParseInt64(args[2], out var when)
            ? new Op.Expire(args[1], when, seconds, absolute, condition)
            : KeyspaceCall.Fail(RedisErrors.NotInteger);
    }

    /// <summary>
    /// <see href="https://redis.io/commands/restore/"/>: the options as restoreCommand parses them (IDLETIME and FREQ
    /// exclude each other; this server keeps no LRU or LFU data, so their values are checked and dropped). The TTL and
    /// the payload are the database's to check, after the key.
    /// </summary>
    private static KeyspaceCall Restore(byte[][] args)
    {
        bool replace = false, absolute = false, idle = false, freq = false;
        for (var j = 4; j < args.Length; j++)
        {
            var more = j + 1 < args.Length;
            if (ArgParser.Is(args[j], "REPLACE"))
            {
                replace = true;
            }
            else if (ArgParser.Is(args[j], "ABSTTL"))
            {
                absolute = true;
            }
            else if (ArgParser.Is(args[j], "IDLETIME") && more && !freq)
            {
                if (!Integer(args[++j], out var seconds, out var error))
                {
                    return error;
                }
                if (seconds < 0)
                {
                    return KeyspaceCall.Fail(RedisErrors.RestoreIdleTime);
                }
                idle = true;
            }
            else if (ArgParser.Is(args[j], "FREQ") && more && !idle)
            {
                if (!Integer(args[++j], out var frequency, out var error))
                {
                    return error;
                }
                if (frequency is < 0 or > 255)
                {
                    return KeyspaceCall.Fail(RedisErrors.RestoreFreq);
                }
                freq = true;
            }
            else
            {
                return KeyspaceCall.Fail(RedisErrors.Syntax);
            }
        }
        return new Op.Restore(args[1], args[2], args[3], replace, absolute);
    }

    /// <summary>A number argument, or NotInteger.</summary>
    private static bool Integer(byte[] arg, out long value, out KeyspaceCall error)
    {
        error = default;
        if (ArgParser.TryParseInt64(arg, out value))
        {
            return true;
        }
        error = KeyspaceCall.Fail(RedisErrors.NotInteger);
        return false;
    }
}
