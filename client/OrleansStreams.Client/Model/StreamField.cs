namespace OrleansStreams.Client;

/// <summary>One field of a stream entry and its value (UTF-8 on the wire, as redis-cli shows them).</summary>
public readonly record struct StreamField(string Name, string Value)
{
    public static implicit operator StreamField((string Name, string Value) pair) => new(pair.Name, pair.Value);

    public override string ToString() => $"{Name}={Value}";
}
