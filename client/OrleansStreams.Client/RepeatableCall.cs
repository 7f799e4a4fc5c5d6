using Orleans.Runtime;

namespace OrleansStreams.Client;

/// <summary>
/// The SDK's rule for calls that may safely run twice (reads of a stream, the wake-up registration, acknowledgements)
/// while a node dies: each attempt gets <see cref="AttemptTimeout"/> instead of Orleans' 30 s response timeout (a call
/// in flight to a killed silo never answers), and a failed attempt is repeated with a backoff of at most
/// <see cref="MaxBackoff"/> until the cluster has moved the grain. Calls that change state once (appends, group reads
/// of new entries) keep <see cref="Grains.FailoverRetry"/>, which repeats only calls that never reached a grain.
/// </summary>
internal static class RepeatableCall
{
    /// <summary>Far above a read's normal time (it never blocks in the grain: waiting for entries is done here).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs <paramref name="call"/> until it succeeds, fails for good, or has failed for <paramref name="budget"/>;
    /// <paramref name="action"/> and <paramref name="subject"/> ("reading stream", its name) name it in the exception.
    /// </summary>
    /// <exception cref="ClusterUnreachableException">The call kept failing for <paramref name="budget"/>; it says what failed and the last failure.</exception>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string action, string subject, TimeSpan budget, CancellationToken cancellationToken)
    {
        var outage = new Outage(action, subject, budget);
        while (true)
        {
            try
            {
                return await call().WaitAsync(AttemptTimeout, cancellationToken);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                await outage.BackOffAsync(ex, cancellationToken);
            }
        }
    }

    /// <summary>A failure that another attempt may not meet: the call timed out, or Orleans could not deliver it or its answer.</summary>
    public static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && ex is TimeoutException or OrleansException;

    /// <summary>One spell of failures: how long it has lasted and the next backoff.</summary>
    public sealed class Outage(string action, string subject, TimeSpan budget)
    {
        private long _started = TimeProvider.System.GetTimestamp();
        private TimeSpan _backoff = FirstBackoff;

        /// <summary>Waits the next backoff, or throws once the failures have lasted <c>budget</c>.</summary>
        /// <exception cref="ClusterUnreachableException">Failing for longer than the budget.</exception>
        public async Task BackOffAsync(Exception failure, CancellationToken cancellationToken)
        {
            if (TimeProvider.System.GetElapsedTime(_started) >= budget)
            {
                throw new ClusterUnreachableException($"{action} '{subject}' failed for {budget.TotalSeconds:0} s, the last time with {failure.GetType().Name}: {failure.Message}", failure);
            }
            await Task.Delay(_backoff, cancellationToken);
            _backoff = _backoff * 2 < MaxBackoff ? _backoff * 2 : MaxBackoff;
        }

        /// <summary>A call succeeded: the next failure starts a new spell.</summary>
        public void Reset()
        {
            _started = TimeProvider.System.GetTimestamp();
            _backoff = FirstBackoff;
        }
    }
}
