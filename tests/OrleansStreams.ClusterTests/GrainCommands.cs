using System.Text;

namespace OrleansStreams.ClusterTests;

/// <summary>Commands as the gateway hands them to grains: one byte array per argument.</summary>
public static class GrainCommands
{
    public static byte[][] Cmd(params string[] args) => args.Select(Encoding.UTF8.GetBytes).ToArray();

    public static Immutable<byte[][][]> Batch(params byte[][][] commands) => new(commands);
}
