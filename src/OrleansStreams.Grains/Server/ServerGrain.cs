using OrleansStreams.Grains;
using OrleansStreams.Storage;

namespace OrleansStreams.Server;

/// <summary>The cluster's server-wide state: the logical→physical database map that SWAPDB changes.</summary>
public sealed class ServerGrain(ILogStore store) : Grain, IServerGrain
{
    private const string Id = "server/dbmap";
    private readonly HashSet<IDatabaseMapWatcher> _watchers = [];
    private int[]? _map;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(Id);
        if (stored.Snapshot is { } data)
        {
            _map = new int[data.Length / 4];
            Buffer.BlockCopy(data, 0, _map, 0, data.Length);
        }
    }

    public Task<int[]> GetDatabaseMap(int count) => Task.FromResult(Map(count));

    public async Task<int[]> SwapDatabases(int a, int b, int count)
    {
        var map = (int[])Map(count).Clone();
        (map[a], map[b]) = (map[b], map[a]);
        var data = new byte[map.Length * 4];
        Buffer.BlockCopy(map, 0, data, 0, data.Length);
        await store.WriteSnapshotAsync(Id, data);
        _map = map;
        foreach (var w in _watchers)
        {
            w.OnDatabaseMapChanged(map);
        }
        return map;
    }

    public Task WatchDatabaseMap(IDatabaseMapWatcher watcher)
    {
        _watchers.Add(watcher);
        return Task.CompletedTask;
    }

    private int[] Map(int count) => _map is { } m && m.Length == count ? m : _map = Enumerable.Range(0, count).ToArray();
}
