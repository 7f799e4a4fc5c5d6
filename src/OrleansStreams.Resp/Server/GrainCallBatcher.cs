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
                batch = lane.Pending;
                lane.Pending = [];
            }
            var all = batch.Count == 1 ? batch[0].Commands : batch.SelectMany(r => r.Commands).ToArray();
            try
            {
                var call = new Immutable<byte[][][]>(all);
                var replies = target.Kind switch
                {
                    Target.Stream => await references.Stream(target.Key).Execute(call),
                    Target.Group => await references.Group(target.Key).ExecuteBatch(call),
                    _ => await references.Database(int.Parse(target.Key, System.Globalization.CultureInfo.InvariantCulture)).Execute(call),
                };
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

    private sealed class Lane
    {
        public List<Request> Pending { get; set; } = [];

        public int InFlight { get; set; }
    }

    private sealed record Request(byte[][][] Commands)
    {
        public TaskCompletionSource<Reply[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
