using OrleansStreams.Grains;
using OrleansStreams.Storage;

namespace OrleansStreams.Server;

/// <summary>The cluster's server-wide state: the logical→physical database map that SWAPDB changes.</summary>
public sealed class ServerGrain(ILogStore store) : Grain, IServerGrain
{
    private const string Id = "server/dbmap";
    private readonly HashSet<IDatabaseMapWatcher> _watchers = [];
    private int[]? _map;
    private JournaledState _state = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Snapshot only: the map is small and changes rarely, so each SWAPDB writes it whole.
        _state = new JournaledState(store, Id, new JournaledStateOptions
        {
            Capture = () => new CheckpointData(Encode(_map ?? [])),
            OnFailure = _ => DeactivateOnIdle(),
        });
        await _state.OpenAsync(
            data =>
            {
                _map = new int[data.Length / 4];
                Buffer.BlockCopy(data.ToArray(), 0, _map, 0, data.Length);
                return ValueTask.CompletedTask;
            },
            _ => ValueTask.CompletedTask);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await _state.CloseAsync();

    public Task<int[]> GetDatabaseMap(int count) => Task.FromResult(Map(count));

    public async Task<int[]> SwapDatabases(int a, int b, int count)
    {
        var map = (int[])Map(count).Clone();
        (map[a], map[b]) = (map[b], map[a]);
        var previous = _map;
        _map = map;
        try
        {
            await _state.CheckpointAsync();
        }
        catch
        {
            _map = previous;
            throw;
        }
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

    private static byte[] Encode(int[] map)
    {
        var data = new byte[map.Length * 4];
        Buffer.BlockCopy(map, 0, data, 0, data.Length);
        return data;
    }

    private int[] Map(int count) => _map is { } m && m.Length == count ? m : _map = Enumerable.Range(0, count).ToArray();
}
