using Orleans.TestingHost;

namespace OrleansStreams.ClusterTests;

/// <summary>The end of a test cluster over a temporary data folder.</summary>
internal static class ClusterTeardown
{
    /// <summary>Stops every silo, disposes the cluster and deletes the folder its silos stored in.</summary>
    public static async Task StopAndDeleteAsync(TestCluster cluster, string dataDir)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
