namespace OrleansStreams.Replies;

/// <summary>
/// Every error text that Redis 7 sends and that this product repeats, in one place: the gateway,
/// the grains, the SDK and the tests use these constants, so no error text is typed twice.
/// </summary>
public static class RedisErrors
{
    public const string Syntax = "ERR syntax error";
    public const string NotInteger = "ERR value is not an integer or out of range";
    public const string NotFloat = "ERR value is not a valid float";
    public const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public const string NoSuchKey = "ERR no such key";
    public const string Overflow = "ERR increment or decrement would overflow";
    public const string DbIndexOutOfRange = "ERR DB index is out of range";
    public const string InvalidDbIndex = "ERR invalid DB index";
    public const string InvalidCursor = "ERR invalid cursor";
    public const string NoAuth = "NOAUTH Authentication required.";
    public const string WrongPass = "WRONGPASS invalid username-password pair or user is disabled.";
    public const string AuthNotConfigured = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?";
    public const string MultiNested = "ERR MULTI calls can not be nested";
    public const string ExecWithoutMulti = "ERR EXEC without MULTI";
    public const string DiscardWithoutMulti = "ERR DISCARD without MULTI";
    public const string ExecAbort = "EXECABORT Transaction discarded because of previous errors.";
    public const string ClusterDisabled = "ERR This instance has cluster support disabled";
    public const string CrossSlot = "CROSSSLOT Keys in request don't hash to the same slot";
    public const string InvalidSlot = "ERR Invalid slot";
    public const string InvalidSlotOrCount = "ERR Invalid slot or number of keys";
    public const string SelectInClusterMode = "ERR SELECT is not allowed in cluster mode";
    public const string NoProto = "NOPROTO unsupported protocol version";

    // DUMP / RESTORE (cluster.c)
    public const string BusyKey = "BUSYKEY Target key name already exists.";
    public const string RestoreNegativeTtl = "ERR Invalid TTL value, must be >= 0";
    public const string RestoreIdleTime = "ERR Invalid IDLETIME value, must be >= 0";
    public const string RestoreFreq = "ERR Invalid FREQ value, must be >= 0 and <= 255";
    public const string DumpPayloadInvalid = "ERR DUMP payload version or checksum are wrong";
    public const string BadDataFormat = "ERR Bad data format";

    // Streams (t_stream.c)
    public const string StreamInvalidId = "ERR Invalid stream ID specified as stream command argument";
    public const string StreamIdTooSmall = "ERR The ID specified in XADD is equal or smaller than the target stream top item";
    public const string StreamIdZero = "ERR The ID specified in XADD must be greater than 0-0";
    public const string StreamElementsTooLarge = "ERR Elements are too large to be stored";
    public const string StreamIdExhausted = "ERR The stream has exhausted the last possible ID, unable to add more items";
    public const string StreamSetIdSmaller = "ERR The ID specified in XSETID is smaller than the target stream top item";
    public const string StreamSetIdEntriesAdded = "ERR The entries_added specified in XSETID is smaller than the target stream length";
    public const string StreamSetIdMaxDeleted = "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id";
    public const string StreamUnbalanced = "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.";
    public const string StreamUnbalancedGroup = "ERR Unbalanced XREADGROUP list of streams: for each stream key an ID or '>' must be specified.";
    public const string StreamLimitWithoutApprox = "ERR syntax error, LIMIT cannot be used without the special ~ option";
    public const string StreamLimitWithoutStrategy = "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy";
    public const string XTrimWithoutStrategy = "ERR syntax error, XTRIM must be called with a trimming strategy";
    public const string StreamMaxLenNegative = "ERR The MAXLEN argument must be >= 0.";
    public const string StreamLimitNegative = "ERR The LIMIT argument must be >= 0.";
    public const string StreamMaxLenAndMinId = "ERR syntax error, MAXLEN and MINID options at the same time are not compatible";
    public const string StreamInvalidStartId = "ERR invalid start ID for the interval";
    public const string StreamInvalidEndId = "ERR invalid end ID for the interval";
    public const string StreamEntriesAddedNegative = "ERR entries_added must be positive";
    /// <summary>Redis' addReplySubcommandSyntaxError, naming the subcommand as the client typed it.</summary>
    public static string SubcommandSyntax(string sub, string command) =>
        $"ERR unknown subcommand or wrong number of arguments for '{Truncate(sub)}'. Try {command.ToUpperInvariant()} HELP.";
    public const string XReadGreaterThanId = "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.";
    public const string XReadGroupOption = "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.";
    public const string XReadNoAckOption = "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.";
    public const string StreamTimeoutNegative = "ERR timeout is negative";
    public const string StreamTimeoutNotInteger = "ERR timeout is not an integer or out of range";

    // Consumer groups (t_stream.c, Redis 7.0)
    public const string BlockedGroupGone = "NOGROUP the consumer group this client was blocked on no longer exists";
    public const string BlockedStreamGone = "UNBLOCKED the stream key no longer exists";
    public const string GroupKeyMissing = "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.";
    public const string GroupBusy = "BUSYGROUP Consumer Group name already exists";
    public const string GroupEntriesReadInvalid = "ERR value for ENTRIESREAD must be positive or -1";
    public const string GroupReadDollarId = "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.";
    public const string GroupReadMissingGroup = "ERR Missing GROUP option for XREADGROUP";
    public const string ClaimMinIdleInvalid = "ERR Invalid min-idle-time argument for XCLAIM";
    public const string ClaimIdleInvalid = "ERR Invalid IDLE option argument for XCLAIM";
    public const string ClaimTimeInvalid = "ERR Invalid TIME option argument for XCLAIM";
    public const string ClaimRetryCountInvalid = "ERR Invalid RETRYCOUNT option argument for XCLAIM";
    public const string AutoClaimMinIdleInvalid = "ERR Invalid min-idle-time argument for XAUTOCLAIM";
    public const string AutoClaimCountInvalid = "ERR COUNT must be > 0";
    public const string AutoClaimCountTooHigh = "ERR Insufficient memory, failed allocating transient memory, COUNT too high.";
    public static string ClaimUnrecognizedOption(string option) => $"ERR Unrecognized XCLAIM option '{option}'";
    /// <summary>XGROUP SETID / DESTROY / CREATECONSUMER / DELCONSUMER on a missing group.</summary>
    public static string NoGroup(string group, string key) => $"NOGROUP No such consumer group '{group}' for key name '{key}'";
    /// <summary>XPENDING / XCLAIM / XAUTOCLAIM on a missing key or group.</summary>
    public static string NoKeyOrGroup(string key, string group) => $"NOGROUP No such key '{key}' or consumer group '{group}'";
    public static string NoKeyOrGroupReadGroup(string key, string group) => $"NOGROUP No such key '{key}' or consumer group '{group}' in XREADGROUP with GROUP option";

    // Keyspace (t_string.c, t_hash.c, t_list.c, expire.c)
    public const string DecrementOverflow = "ERR decrement would overflow";
    public const string HashValueNotInteger = "ERR hash value is not an integer";
    public const string ValueOutOfRangePositive = "ERR value is out of range, must be positive";
    public const string StringTooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public const string ExpireNxAndOthers = "ERR NX and XX, GT or LT options at the same time are not compatible";
    public const string ExpireGtAndLt = "ERR GT and LT options at the same time are not compatible";

    public static string UnsupportedOption(string option) => $"ERR Unsupported option {option}";

    // Protocol errors (networking.c): the connection replies one of these and closes.
    public const string ProtocolInvalidMultibulkLength = "ERR Protocol error: invalid multibulk length";
    public const string ProtocolInvalidBulkLength = "ERR Protocol error: invalid bulk length";
    public const string ProtocolExpectedDollarPrefix = "ERR Protocol error: expected '$', got '";
    public const string ProtocolTooBigMultibulkCount = "ERR Protocol error: too big mbulk count string";
    public const string ProtocolTooBigBulkCount = "ERR Protocol error: too big bulk count string";
    public const string ProtocolTooBigInline = "ERR Protocol error: too big inline request";
    public const string ProtocolUnbalancedQuotes = "ERR Protocol error: unbalanced quotes in request";
    public const string ProtocolUnauthenticatedMultibulkLength = "ERR Protocol error: unauthenticated multibulk length";
    public const string ProtocolUnauthenticatedBulkLength = "ERR Protocol error: unauthenticated bulk length";

    // Keyspace commands (t_string.c, t_hash.c, t_list.c, t_set.c, db.c)
    public const string IncrementNaNOrInfinity = "ERR increment would produce NaN or Infinity";
    public const string ValueNaNOrInfinity = "ERR value is NaN or Infinity";
    public const string HashValueNotFloat = "ERR hash value is not a float";
    public const string OffsetOutOfRange = "ERR offset is out of range";
    public const string IndexOutOfRange = "ERR index out of range";
    public const string ValueOutOfRange = "ERR value is out of range";
    public const string CountOutOfRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    public const string SameObject = "ERR source and destination objects are the same";
    public const string NumKeysNotPositive = "ERR numkeys should be greater than 0";
    public const string NumKeysTooMany = "ERR Number of keys can't be greater than number of args";
    public const string LimitNegative = "ERR LIMIT can't be negative";
    public const string CountNegative = "ERR COUNT can't be negative";
    public const string MaxLenNegative = "ERR MAXLEN can't be negative";
    public const string RankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";

    /// <summary>This server's own: a keyspace database does not know its index, nor holds a stream's entries.</summary>
    public const string CopyDbUnsupported = "ERR COPY with the DB option is not supported";
    public const string CopyStreamUnsupported = "ERR COPY of a stream key is not supported";

    public static string UnknownCommand(string name, IEnumerable<string> args) =>
        $"ERR unknown command '{Truncate(name)}', with args beginning with: {string.Concat(args.Take(20).Select(a => $"'{Truncate(a)}' "))}";

    public static string WrongArity(string command) => $"ERR wrong number of arguments for '{command.ToLowerInvariant()}' command";

    public static string UnknownSubcommand(string sub, string command) =>
        $"ERR unknown subcommand '{Truncate(sub)}'. Try {command.ToUpperInvariant()} HELP.";

    /// <summary>The redirection of a key whose slot another node serves: <c>MOVED 3999 127.0.0.1:6381</c>.</summary>
    public static string Moved(int slot, string host, int port) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"MOVED {slot} {host}:{port}");

    public static string InvalidExpireTime(string command) => $"ERR invalid expire time in '{command.ToLowerInvariant()}' command";

    private static string Truncate(string s) => s.Length > 128 ? s[..128] : s;
}
