namespace OrleansStreams.Keyspace;

/// <summary>EXPIRE's NX / XX / GT / LT options (Redis 7); the gateway rejects the combinations Redis rejects.</summary>
[Flags]
public enum ExpireCondition : byte
{
    /// <summary>Always set the expiry.</summary>
    None = 0,
    /// <summary>Only when the key has no TTL.</summary>
    Nx = 1,
    /// <summary>Only when the key has a TTL.</summary>
    Xx = 2,
    /// <summary>Only when the new expiry is later (a key without a TTL counts as infinite).</summary>
    Gt = 4,
    /// <summary>Only when the new expiry is earlier.</summary>
    Lt = 8,
}

/// <summary>How a SET / GETEX expiry's number is read: EX, PX (relative) or EXAT, PXAT (Unix time).</summary>
public enum ExpiryKind : byte
{
    /// <summary>EX: seconds from now.</summary>
    Seconds = 1,
    /// <summary>PX: milliseconds from now.</summary>
    Milliseconds = 2,
    /// <summary>EXAT: a Unix time in seconds.</summary>
    UnixSeconds = 3,
    /// <summary>PXAT: a Unix time in milliseconds.</summary>
    UnixMilliseconds = 4,
}

/// <summary>An expiry option as given (EX 10, PXAT 1700000000000); the database checks it as Redis does.</summary>
[GenerateSerializer, Immutable, Alias("os.Expiry")]
public readonly record struct Expiry([property: Id(0)] ExpiryKind Kind, [property: Id(1)] long Value);

/// <summary>SET's NX / XX.</summary>
public enum SetCondition : byte
{
    /// <summary>Always set.</summary>
    None = 0,
    /// <summary>NX: only when the key does not exist.</summary>
    IfMissing = 1,
    /// <summary>XX: only when the key exists.</summary>
    IfExists = 2,
}

/// <summary>The set operations of SINTER, SUNION, SDIFF and their STORE forms.</summary>
public enum SetAlgebra : byte
{
    /// <summary>SINTER: members in every set.</summary>
    Intersection = 1,
    /// <summary>SUNION: members in any set.</summary>
    Union = 2,
    /// <summary>SDIFF: members of the first set in none of the others.</summary>
    Difference = 3,
}
