using OrleansStreams.Resp.Server;

namespace OrleansStreams.Resp.Commands;

/// <summary>What a command handler may use: the caller's session and the gateway's shared services.</summary>
public sealed record CommandContext(ClientSession Session, GatewayServices Services)
{
    public IGrainFactory Grains => Services.Grains;

    /// <summary>The physical database behind the session's logical one (SWAPDB remaps them).</summary>
    public int PhysicalDb => Services.Databases.Physical(Session.Db);
}
