using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Protocol;

/// <summary>Builds the protocol error texts whose content depends on the offending byte.</summary>
internal static class RespProtocolErrors
{
    /// <summary>
    /// "expected '$', got 'X'": Redis prints the raw byte and then replaces CR and LF in error texts by
    /// spaces; bytes above 0x7F are shown as their Latin-1 character.
    /// </summary>
    public static string ExpectedDollar(byte got) =>
        RedisErrors.ProtocolExpectedDollarPrefix + (got is (byte)'\r' or (byte)'\n' ? ' ' : (char)got) + "'";
}
