namespace OrleansStreams.Resp.Server;

/// <summary>
/// Starts the command batches of all this gateway's connections in the order they were read, as Redis' one event
/// loop runs them: a batch begins only once every batch read before it has reached its first await — in practice,
/// sent its first grain call — so that call reaches its grain before any call of a later batch does. Without it, a
/// command whose synchronous part was slow (code run for the first time, a GC pause) was overtaken by commands sent
/// after it on other connections: Redis' test "Blocking XREAD: key deleted" saw its XREAD resolve '$' after the
/// DEL and XADD that followed it, and waited forever (docs/decisions/0023-command-arrival-order.md).
/// </summary>
public sealed class CommandArrivalOrder : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>
    /// Runs <paramref name="start"/> in its turn and returns its task once it yields; waiting for the task is not part of the
    /// turn. <paramref name="start"/> must not block on other connections (it never waits synchronously).
    /// </summary>
    public async Task<T> StartInTurn<T, TState>(TState state, Func<TState, Task<T>> start)
    {
        await _turn.WaitAsync();
        Task<T> running;
        try
        {
            running = start(state);
        }
        finally
        {
            _turn.Release();
        }
        return await running;
    }

    public void Dispose() => _turn.Dispose();
}
