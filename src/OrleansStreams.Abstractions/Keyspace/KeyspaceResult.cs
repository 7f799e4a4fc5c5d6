namespace OrleansStreams.Keyspace;

/// <summary>
/// The result of one <see cref="KeyspaceOperation"/>. A handful of shapes serve every command; the RESP
/// gateway picks the reply's shape (map or array, set or array, nil bulk or nil array) from the operation.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.KeyspaceResult")]
public abstract record KeyspaceResult
{
    public static readonly KeyspaceResult Ok = new Done();
    public static readonly KeyspaceResult Nothing = new Nil();
    public static readonly KeyspaceResult Zero = new Integer(0);
    public static readonly KeyspaceResult One = new Integer(1);

    /// <summary>An integer (zero and one shared).</summary>
    public static KeyspaceResult Count(long value) => value switch { 0 => Zero, 1 => One, _ => new Integer(value) };

    /// <summary>A value, or <see cref="Nothing"/> when null.</summary>
    public static KeyspaceResult ValueOrNil(byte[]? value) => value is null ? Nothing : new Value(value);

    /// <summary>The operation failed; nothing changed.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceResult.Failed")]
    public sealed record Failed([property: Id(0)] KeyspaceError Error) : KeyspaceResult;

    /// <summary>Done (OK), nothing to report.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceResult.Done")]
    public sealed record Done : KeyspaceResult;

    /// <summary>No value: a missing key or field, or a condition that did not hold.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceResult.Nil")]
    public sealed record Nil : KeyspaceResult;

    /// <summary>A count, a length, a TTL, a flag (0/1) or a new integer value.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceResult.Integer")]
    public sealed record Integer([property: Id(0)] long Number) : KeyspaceResult;

    /// <summary>One value: a string, a field's value, a popped element, a float's text.</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceResult.Value")]
    public sealed record Value([property: Id(0)] byte[] Data) : KeyspaceResult;

    /// <summary>
    /// Several values, null where one is missing: keys, members, elements, or fields and values interleaved
    /// (HGETALL, HRANDFIELD WITHVALUES).
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceResult.Values")]
    public sealed record Values([property: Id(0)] byte[]?[] Items) : KeyspaceResult;

    /// <summary>Several integers (SMISMEMBER, LPOS with COUNT).</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceResult.Integers")]
    public sealed record Integers([property: Id(0)] long[] Items) : KeyspaceResult;

    /// <summary>A page of a scan: the cursor to continue from (0: done) and the items (HSCAN: fields and values interleaved).</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceResult.ScanPage")]
    public sealed record ScanPage([property: Id(0)] ulong Cursor, [property: Id(1)] byte[][] Items) : KeyspaceResult;

    /// <summary>TYPE's answer: "none", "string", "hash", "list", "set" or "stream".</summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceResult.TypeName")]
    public sealed record TypeName([property: Id(0)] string Name) : KeyspaceResult;
}
