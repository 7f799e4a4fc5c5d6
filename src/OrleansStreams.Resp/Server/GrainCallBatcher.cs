using OrleansStreams.Grains;
using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// Coalesces the commands that this silo's connections send to one grain: while a call to a grain is
/// in flight, commands for it queue here, and go out together as the next call when it returns.
/// Per-event grain calls are the expensive part of the hot path; this turns 50 clients' single
/// XADDs into one call of 50, and adapts the batch size to the grain's latency (as group commit
/// does for storage). Each client's commands stay contiguous and in order within a call.
/// </summary>
public sealed class GrainCallBatcher(GrainReferences references)
{
    /// <summary>Calls in flight per grain: two keep the grain busy while the previous reply travels back.</summary>
    private const int MaxInFlight = 2;

    /// <summary>
    /// Most commands merged into one grain call. Merging stops at whole requests, so one client's
    /// batch (at most 512 commands per read, RespConnectionHandler) is never split; a single larger
    /// request still goes alone.
    /// </summary>
    internal const int MaxCommandsPerCall = 1024;

    /// <summary>Most argument bytes merged into one grain call (Orleans' message body limit is 100 MB).</summary>
    internal const long MaxBytesPerCall = 4L * 1024 * 1024;

    /// <summary>How long an undelivered call is retried: a crashed silo is declared dead within about 2 s (FailoverMembership).</summary>
    private static readonly TimeSpan FailoverRetryBudget = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FailoverRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<(Target Kind, string Key), Lane> _lanes = [];

    private enum Target
    {
        Stream,
        Database,
        Group,
    }

    /// <summary>Runs <paramref name="commands"/> on the stream grain <paramref name="streamKey"/>, batched with other callers' commands.</summary>
    public Task<Reply[]> ExecuteOnStream(string streamKey, byte[][][] commands) => Enqueue((Target.Stream, streamKey), commands);

    /// <summary>Runs <paramref name="commands"/> on the consumer group grain <paramref name="groupKey"/>, batched with other callers' commands.</summary>
    public Task<Reply[]> ExecuteOnGroup(string groupKey, byte[][][] commands) => Enqueue((Target.Group, groupKey), commands);

    /// <summary>Runs <paramref name="commands"/> on a database grain, batched with other callers' commands.</summary>
    public Task<Reply[]> ExecuteOnDatabase(int db, byte[][][] commands) => Enqueue((Target.Database, db.ToString(System.Globalization.CultureInfo.InvariantCulture)), commands);

    private Task<Reply[]> Enqueue((Target Kind, string Key) target, byte[][][] commands)
    {
        var request = new Request(commands);
        Lane lane;
        lock (_lanes)
        {
            if (!_lanes.TryGetValue(target, out lane!))
            {
                _lanes[target] = lane = new Lane();
            }
            lane.Pending.Add(request);
            if (lane.InFlight >= MaxInFlight)
            {
                return request.Done.Task;
            }
            lane.InFlight++;
        }
        _ = Pump(target, lane);
        return request.Done.Task;
    }

    private async Task Pump((Target Kind, string Key) target, Lane lane)
    {
        while (true)
        {
            List<Request> batch;
            lock (_lanes)
            {
                if (lane.Pending.Count == 0)
                {
                    if (--lane.InFlight == 0)
                    {
                        _lanes.Remove(target);
                    }
                    return;
                }
                batch = TakeBatch(lane.Pending, MaxCommandsPerCall, MaxBytesPerCall);
            }
            var all = batch.Count == 1 ? batch[0].Commands : batch.SelectMany(r => r.Commands).ToArray();
            try
            {
                var replies = await CallWithFailoverRetry(target, new Immutable<byte[][][]>(all));
                var offset = 0;
                foreach (var request in batch)
                {
                    request.Done.TrySetResult(batch.Count == 1 ? replies : replies[offset..(offset + request.Commands.Length)]);
                    offset += request.Commands.Length;
                }
            }
            catch (Exception ex)
            {
                foreach (var request in batch)
                {
                    request.Done.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>
    /// Calls the grain; when Orleans rejected the message before delivering it (its silo just died
    /// and the directory still points there), calls again until the cluster has moved the grain,
    /// within <see cref="FailoverRetryBudget"/>. A call that may have reached the grain is never
    /// repeated: its caller gets an error reply instead, as after a dropped Redis connection.
    /// </summary>
    private async Task<Reply[]> CallWithFailoverRetry((Target Kind, string Key) target, Immutable<byte[][][]> call)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                return target.Kind switch
                {
                    Target.Stream => await references.Stream(target.Key).Execute(call),
                    Target.Group => await references.Group(target.Key).ExecuteBatch(call),
                    _ => await references.Database(int.Parse(target.Key, System.Globalization.CultureInfo.InvariantCulture)).Execute(call),
                };
            }
            catch (OrleansMessageRejectionException ex) when (ex is not SiloUnavailableException
                && TimeProvider.System.GetElapsedTime(started) < FailoverRetryBudget)
            {
                await Task.Delay(FailoverRetryDelay);
            }
            catch (OrleansMessageRejectionException ex)
            {
                throw new GrainUnavailableException(ex);
            }
        }
    }

    /// <summary>
    /// Removes from <paramref name="pending"/> the requests of the next call, oldest first: at least
    /// one, then as many as fit under both caps.
    /// </summary>
    internal static List<Request> TakeBatch(List<Request> pending, int maxCommands, long maxBytes)
    {
        var commands = 0;
        long bytes = 0;
        var take = 0;
        while (take < pending.Count)
        {
            var request = pending[take];
            if (take > 0 && (commands + request.Commands.Length > maxCommands || bytes + request.Bytes > maxBytes))
            {
                break;
            }
            commands += request.Commands.Length;
            bytes += request.Bytes;
            take++;
        }
        var batch = pending.GetRange(0, take);
        pending.RemoveRange(0, take);
        return batch;
    }

    private sealed class Lane
    {
        public List<Request> Pending { get; set; } = [];

        public int InFlight { get; set; }
    }

    internal sealed record Request(byte[][][] Commands)
    {
        public TaskCompletionSource<Reply[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Argument bytes of the request's commands.</summary>
        public long Bytes { get; } = SizeOf(Commands);

        private static long SizeOf(byte[][][] commands)
        {
            long bytes = 0;
            foreach (var command in commands)
            {
                foreach (var arg in command)
                {
                    bytes += arg.Length;
                }
            }
            return bytes;
        }
    }
}
