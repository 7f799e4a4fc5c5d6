namespace OrleansStreams.Keyspace;

/// <summary>
/// Why a keyspace operation failed. The database grain returns these codes, never error texts: the RESP
/// gateway maps each to Redis' exact text (<c>KeyspaceErrorTexts</c>, which knows the command), the SDK
/// to a typed exception.
/// </summary>
public enum KeyspaceError
{
    None = 0,

    /// <summary>The key holds another type of value (WRONGTYPE).</summary>
    WrongType,

    /// <summary>The string value is not an integer, or out of range (INCR on "abc").</summary>
    NotInteger,

    /// <summary>The string value, or the increment, is not a valid float.</summary>
    NotFloat,

    /// <summary>The integer result would overflow 64 bits.</summary>
    Overflow,

    /// <summary>A float result would be NaN or infinite.</summary>
    IncrementNaNOrInfinity,

    /// <summary>The hash field's value is not an integer.</summary>
    HashValueNotInteger,

    /// <summary>The hash field's value is not a float.</summary>
    HashValueNotFloat,

    /// <summary>The key does not exist (RENAME, LSET).</summary>
    NoSuchKey,

    /// <summary>The list index is out of range (LSET).</summary>
    IndexOutOfRange,

    /// <summary>The string would exceed 512 MB (APPEND, SETRANGE).</summary>
    StringTooLong,

    /// <summary>A relative expiry added to the current time overflows (SET EX, SETEX, GETEX, EXPIRE).</summary>
    InvalidExpireTime,

    /// <summary>COPY of a stream key (this server keeps only the key in the keyspace).</summary>
    CopyStreamUnsupported,

    /// <summary>RESTORE onto an existing key without REPLACE (BUSYKEY).</summary>
    BusyKey,

    /// <summary>RESTORE with a TTL below zero.</summary>
    NegativeTtl,

    /// <summary>A DUMP payload whose RDB version is newer than 7.0's, or whose checksum is wrong.</summary>
    DumpPayloadInvalid,

    /// <summary>A DUMP payload whose value cannot be read (or whose type this server does not hold).</summary>
    BadDataFormat,
}
