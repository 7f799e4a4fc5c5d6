namespace OrleansStreams.Grains;

/// <summary>Cluster-wide server state (key 0): the logical→physical database map behind SWAPDB.</summary>
[Alias("os.IServerGrain")]
public interface IServerGrain : IGrainWithIntegerKey
{
    [Alias("GetDatabaseMap")]
    Task<int[]> GetDatabaseMap(int count);

    /// <summary>Swaps two logical databases, tells every watching gateway, and returns the new map.</summary>
    [Alias("SwapDatabases")]
    Task<int[]> SwapDatabases(int a, int b, int count);

    [Alias("WatchDatabaseMap")]
    Task WatchDatabaseMap(IDatabaseMapWatcher watcher);
}

/// <summary>A gateway's listener for database map changes.</summary>
[Alias("os.IDatabaseMapWatcher")]
public interface IDatabaseMapWatcher : IGrainObserver
{
    [OneWay, Alias("OnDatabaseMapChanged")]
    void OnDatabaseMapChanged(int[] map);
}
