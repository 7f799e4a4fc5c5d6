namespace OrleansStreams.Keyspace;

/// <summary>
/// One typed operation on a logical database's keyspace. A batch of them goes to
/// <see cref="Grains.IDatabaseGrain.Execute"/> and comes back as one <see cref="KeyspaceResult"/> each, in order.
/// Each operation is one Redis command with its arguments already checked, so the database grain never
/// sees a syntax error; the families are in <c>KeyspaceOperation.*.cs</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("os.KeyspaceOperation")]
public abstract partial record KeyspaceOperation
{
    /// <summary>
    /// Whether <see cref="Key"/> exists with <see cref="Type"/>, for argument errors Redis reports only after the
    /// lookup. Result: <see cref="KeyspaceResult.Integer"/> 1 or 0, or WRONGTYPE.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("os.KeyspaceOperation.Probe")]
    public sealed record Probe([property: Id(0)] byte[] Key, [property: Id(1)] KeyType Type) : KeyspaceOperation;
}
