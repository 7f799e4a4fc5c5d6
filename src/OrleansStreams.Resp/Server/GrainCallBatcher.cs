using OrleansStreams.ConsumerGroups;
using OrleansStreams.Keyspace;
using OrleansStreams.Streams;

namespace OrleansStreams.Resp.Server;

/// <summary>
/// Coalesces the operations that this silo's connections send to one grain: while a call to a grain is
/// in flight, operations for it queue here, and go out together as the next call when it returns.
/// Per-event grain calls are the expensive part of the hot path; this turns 50 clients' single
/// XADDs into one call of 50, and adapts the batch size to the grain's latency (as group commit
/// does for storage). Each client's operations stay contiguous and in order within a call.
/// </summary>
public sealed class GrainCallBatcher(GrainReferences references)
{
    private readonly Lanes<StreamOperation, StreamResult> _streams = new((key, batch) => references.Stream(key).Execute(new(batch)));
    private readonly Lanes<ConsumerGroupOperation, ConsumerGroupResult> _groups = new((key, batch) => references.Group(key).Execute(new(batch)));
    private readonly Lanes<KeyspaceOperation, KeyspaceResult> _databases = new((key, batch) => references.Database(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)).Execute(new(batch)));

    /// <summary>Runs <paramref name="operations"/> on the stream grain <paramref name="streamKey"/>, batched with other callers' operations.</summary>
    public Task<StreamResult[]> ExecuteOnStream(string streamKey, StreamOperation[] operations) => _streams.Enqueue(streamKey, operations);

    /// <summary>Runs <paramref name="operations"/> on the consumer group grain <paramref name="groupKey"/>, batched with other callers' operations.</summary>
    public Task<ConsumerGroupResult[]> ExecuteOnGroup(string groupKey, ConsumerGroupOperation[] operations) => _groups.Enqueue(groupKey, operations);

    /// <summary>Runs <paramref name="operations"/> on a database grain, batched with other callers' operations.</summary>
    public Task<KeyspaceResult[]> ExecuteOnDatabase(int db, KeyspaceOperation[] operations) => _databases.Enqueue(db.ToString(System.Globalization.CultureInfo.InvariantCulture), operations);

    /// <summary>The lanes of one kind of grain: one queue per grain key, at most <see cref="MaxInFlight"/> calls in flight each.</summary>
    private sealed class Lanes<TOperation, TResult>(Func<string, TOperation[], Task<TResult[]>> call)
    {
        /// <summary>Calls in flight per grain: two keep the grain busy while the previous reply travels back.</summary>
        private const int MaxInFlight = 2;

        private readonly Dictionary<string, Lane> _lanes = [];

        public Task<TResult[]> Enqueue(string key, TOperation[] operations)
        {
            var request = new Request(operations);
            Lane lane;
            lock (_lanes)
            {
                if (!_lanes.TryGetValue(key, out lane!))
                {
                    _lanes[key] = lane = new Lane();
                }
                lane.Pending.Add(request);
                if (lane.InFlight >= MaxInFlight)
                {
                    return request.Done.Task;
                }
                lane.InFlight++;
            }
            _ = Pump(key, lane);
            return request.Done.Task;
        }

        private async Task Pump(string key, Lane lane)
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
                            _lanes.Remove(key);
                        }
                        return;
                    }
                    batch = lane.Pending;
                    lane.Pending = [];
                }
                var all = batch.Count == 1 ? batch[0].Operations : batch.SelectMany(r => r.Operations).ToArray();
                try
                {
                    var results = await call(key, all);
                    var offset = 0;
                    foreach (var request in batch)
                    {
                        request.Done.TrySetResult(batch.Count == 1 ? results : results[offset..(offset + request.Operations.Length)]);
                        offset += request.Operations.Length;
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

        private sealed record Request(TOperation[] Operations)
        {
            public TaskCompletionSource<TResult[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
