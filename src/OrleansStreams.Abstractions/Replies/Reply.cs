using System.Text;

namespace OrleansStreams.Replies;

/// <summary>
/// A reply as Redis sends it, independent of the protocol version: the RESP writer turns it
/// into RESP2 or RESP3 bytes. Grains return replies so that pipelined batches, MULTI/EXEC and
/// the gateway share one model.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.reply")]
public abstract record Reply
{
    public static readonly Reply Ok = new SimpleReply("OK");
    public static readonly Reply Queued = new SimpleReply("QUEUED");
    public static readonly Reply Pong = new SimpleReply("PONG");
    /// <summary>The null bulk string (<c>$-1</c> in RESP2, <c>_</c> in RESP3).</summary>
    public static readonly Reply NullBulk = new NullReply(NullKind.Bulk);
    /// <summary>The null array (<c>*-1</c> in RESP2, <c>_</c> in RESP3).</summary>
    public static readonly Reply NullArray = new NullReply(NullKind.Array);
    public static readonly Reply EmptyArray = new ArrayReply([]);
    public static readonly Reply Zero = new IntegerReply(0);
    public static readonly Reply One = new IntegerReply(1);

    public static Reply Error(string message) => new ErrorReply(message);
    public static Reply Integer(long value) => value switch { 0 => Zero, 1 => One, _ => new IntegerReply(value) };
    public static Reply Bulk(byte[]? value) => value is null ? NullBulk : new BulkReply(value);
    public static Reply Bulk(string? value) => value is null ? NullBulk : new BulkReply(Encoding.UTF8.GetBytes(value));
    public static Reply Simple(string value) => new SimpleReply(value);
    public static Reply Array(params Reply[] items) => new ArrayReply(items);
    public static Reply Array(IEnumerable<Reply> items) => new ArrayReply(items.ToArray());
    public static Reply BulkArray(IEnumerable<byte[]> items) => new ArrayReply(items.Select(i => (Reply)new BulkReply(i)).ToArray());
    public static Reply BulkArray(IEnumerable<string> items) => new ArrayReply(items.Select(Bulk).ToArray());
    public static Reply Map(params Reply[] keysAndValues) => new MapReply(keysAndValues);
    public static Reply Double(double value) => new DoubleReply(value);
    public static Reply Verbatim(string text) => new VerbatimReply(text);

    public bool IsError => this is ErrorReply;
}

/// <summary>A status reply: <c>+OK</c>.</summary>
[GenerateSerializer, Immutable, Alias("os.reply.simple")]
public sealed record SimpleReply([property: Id(0)] string Value) : Reply;

/// <summary>An error reply; <see cref="Message"/> holds the full text with its code, e.g. <c>ERR syntax error</c>.</summary>
[GenerateSerializer, Immutable, Alias("os.reply.error")]
public sealed record ErrorReply([property: Id(0)] string Message) : Reply;

[GenerateSerializer, Immutable, Alias("os.reply.int")]
public sealed record IntegerReply([property: Id(0)] long Value) : Reply;

[GenerateSerializer, Immutable, Alias("os.reply.bulk")]
public sealed record BulkReply([property: Id(0)] byte[] Value) : Reply
{
    public override string ToString() => Encoding.UTF8.GetString(Value);
}

public enum NullKind
{
    Bulk,
    Array,
}

[GenerateSerializer, Immutable, Alias("os.reply.null")]
public sealed record NullReply([property: Id(0)] NullKind Kind) : Reply;

/// <summary>An array; as a RESP3 set when <see cref="IsSet"/> is true, as a push message when <see cref="IsPush"/> is true.</summary>
[GenerateSerializer, Immutable, Alias("os.reply.array")]
public sealed record ArrayReply([property: Id(0)] Reply[] Items) : Reply
{
    [Id(1)] public bool IsSet { get; init; }
    [Id(2)] public bool IsPush { get; init; }
}

/// <summary>A map: a RESP3 <c>%</c> map, flattened into an array for RESP2.</summary>
[GenerateSerializer, Immutable, Alias("os.reply.map")]
public sealed record MapReply([property: Id(0)] Reply[] KeysAndValues) : Reply;

/// <summary>A double: RESP3 <c>,</c>, a bulk string in RESP2.</summary>
[GenerateSerializer, Immutable, Alias("os.reply.double")]
public sealed record DoubleReply([property: Id(0)] double Value) : Reply;

/// <summary>A verbatim string: RESP3 <c>=</c> with the txt format, a bulk string in RESP2.</summary>
[GenerateSerializer, Immutable, Alias("os.reply.verbatim")]
public sealed record VerbatimReply([property: Id(0)] string Text) : Reply;

/// <summary>
/// Stream entries as Redis replies them — an array of <c>[id, [field, value, …]]</c> — written straight from the
/// entries, without a reply object per ID, field and array (XRANGE, XREVRANGE, XREAD).
/// </summary>
[GenerateSerializer, Immutable, Alias("os.reply.entries")]
public sealed record StreamEntriesReply([property: Id(0)] IReadOnlyList<OrleansStreams.Streams.StreamEntry> Entries) : Reply;
