namespace OrleansStreams.Resp.Protocol;

/// <summary>The outcome of <see cref="RespReader.TryReadCommand"/>.</summary>
public enum RespParseStatus
{
    /// <summary>A whole command was read; its arguments are in the <c>args</c> output.</summary>
    Complete,

    /// <summary>The buffer ends inside a command: read more bytes and call again.</summary>
    Incomplete,

    /// <summary>The bytes break the protocol: reply the error text and close the connection, as Redis does.</summary>
    ProtocolError,
}
