namespace OrleansStreams.Resp.Server;

/// <summary>
/// A grain call failed because the silo hosting the grain went away (failover in progress). Its
/// message is the one line a client sees after "ERR"; the Orleans details stay in the inner exception.
/// </summary>
public sealed class GrainUnavailableException(Exception inner)
    : Exception("failover in progress: the silo serving this key went away; the command may or may not have been applied, retry it", inner)
{
    public override Exception GetBaseException() => this;
}
