using Orleans.Runtime;

namespace OrleansStreams.Grains;

/// <summary>
/// The one retry rule for grain calls during failover, used by the RESP gateway and the SDK: when
/// Orleans rejected a message before delivering it (its silo just died and the directory still
/// points there), call again until the cluster has moved the grain, within <see cref="Budget"/>. A call
/// that may have reached the grain is never repeated: its caller gets the error instead, as after a
/// dropped Redis connection.
/// </summary>
public static class FailoverRetry
{
    /// <summary>How long an undelivered call is retried: a crashed silo is declared dead within about 2 s (docs/decisions/0009).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    /// <exception cref="OrleansMessageRejectionException">The grain stayed unreachable for the whole budget.</exception>
    public static async Task<TResult> CallAsync<TResult>(Func<Task<TResult>> call, CancellationToken cancellationToken = default)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (OrleansMessageRejectionException ex) when (ex is not SiloUnavailableException
                && TimeProvider.System.GetElapsedTime(started) < Budget)
            {
                await Task.Delay(Delay, cancellationToken);
            }
        }
    }
}
