using OrleansStreams.Grains;
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
public sealed class GrainCallBatcher
{
    /// <summary>
    /// Most operations merged into one grain call. Merging stops at whole requests, so one client's
    /// batch (at most 512 commands per read, RespConnectionHandler) is never split; a single larger
    /// request still goes alone.
    /// </summary>
    internal const int MaxCommandsPerCall = 1024;

    /// <summary>Most argument bytes merged into one grain call (Orleans' message body limit is 100 MB).</summary>
    internal const long MaxBytesPerCall = 4L * 1024 * 1024;

    private readonly Lanes<StreamOperation, StreamResult> _streams;
    private readonly Lanes<ConsumerGroupOperation, ConsumerGroupResult> _groups;
    private readonly Lanes<KeyspaceOperation, KeyspaceResult> _databases;

    public GrainCallBatcher(GrainReferences references)
    {
        _streams = new((key, batch) => references.Stream(key).Execute(new(batch)), SizeOf);
        _groups = new((key, batch) => references.Group(key).Execute(new(batch)), SizeOf);
        _databases = new((key, batch) => references.Database(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)).Execute(new(batch)), SizeOf);
    }

    /// <summary>Something that can be merged into a grain call: how many operations it holds and how many bytes they carry.</summary>
    internal interface IBatchable
    {
        int Count { get; }

        long Bytes { get; }
    }

    /// <summary>Runs <paramref name="operations"/> on the stream grain <paramref name="streamKey"/>, batched with other callers' operations.</summary>
    public Task<StreamResult[]> ExecuteOnStream(string streamKey, StreamOperation[] operations) => _streams.Enqueue(streamKey, operations);

    /// <summary>Runs <paramref name="operations"/> on the consumer group grain <paramref name="groupKey"/>, batched with other callers' operations.</summary>
    public Task<ConsumerGroupResult[]> ExecuteOnGroup(string groupKey, ConsumerGroupOperation[] operations) => _groups.Enqueue(groupKey, operations);

    /// <summary>Runs <paramref name="operations"/> on a database grain, batched with other callers' operations.</summary>
    public Task<KeyspaceResult[]> ExecuteOnDatabase(int db, KeyspaceOperation[] operations) => _databases.Enqueue(db.ToString(System.Globalization.CultureInfo.InvariantCulture), operations);

    /// <summary>
    /// Removes from <paramref name="pending"/> the requests of the next call, oldest first: at least
    /// one, then as many as fit under both caps.
    /// </summary>
    internal static List<T> TakeBatch<T>(List<T> pending, int maxCommands, long maxBytes)
        where T : IBatchable
    {
        var commands = 0;
        long bytes = 0;
        var take = 0;
        while (take < pending.Count)
        {
            var request = pending[take];
            if (take > 0 && (commands + request.Count > maxCommands || bytes + request.Bytes > maxBytes))
            {
                break;
            }
            commands += request.Count;
            bytes += request.Bytes;
            take++;
        }
        var batch = pending.GetRange(0, take);
        pending.RemoveRange(0, take);
        return batch;
    }

    /// <summary>Calls the grain with the failover retry rule (<see cref="FailoverRetry"/>); a grain unreachable past its budget is a <see cref="GrainUnavailableException"/>.</summary>
    private static async Task<TResult[]> CallWithFailoverRetry<TResult>(Func<Task<TResult[]>> call)
    {
        try
        {
            return await FailoverRetry.CallAsync(call);
        }
        catch (OrleansMessageRejectionException ex)
        {
            throw new GrainUnavailableException(ex);
        }
    }

    /// <summary>Bytes an operation carries: its field values or IDs (the fixed part counts as 16).</summary>
    private static long SizeOf(StreamOperation operation) => operation switch
    {
        StreamOperation.Append append => 16 + SizeOf(append.Fields),
        StreamOperation.Delete delete => 16 + (16L * delete.Ids.Length),
        _ => 16,
    };

    private static long SizeOf(ConsumerGroupOperation operation) => operation switch
    {
        ConsumerGroupOperation.Acknowledge ack => 16 + (16L * ack.Ids.Length),
        ConsumerGroupOperation.Claim claim => 16 + (16L * claim.Ids.Length),
        _ => 16,
    };

    /// <summary>The values a keyspace operation carries (keys and the fixed part count as 16).</summary>
    private static long SizeOf(KeyspaceOperation operation) => 16 + operation switch
    {
        KeyspaceOperation.Set o => o.Value.Length,
        KeyspaceOperation.SetNx o => o.Value.Length,
        KeyspaceOperation.SetEx o => o.Value.Length,
        KeyspaceOperation.GetSet o => o.Value.Length,
        KeyspaceOperation.Append o => o.Value.Length,
        KeyspaceOperation.SetRange o => o.Value.Length,
        KeyspaceOperation.MSet o => SizeOf(o.KeysAndValues),
        KeyspaceOperation.HSet o => SizeOf(o.FieldsAndValues),
        KeyspaceOperation.HSetNx o => o.Value.Length,
        KeyspaceOperation.Push o => SizeOf(o.Values),
        KeyspaceOperation.LSet o => o.Value.Length,
        KeyspaceOperation.LInsert o => o.Element.Length,
        KeyspaceOperation.SAdd o => SizeOf(o.Members),
        _ => 0,
    };

    private static long SizeOf(byte[][] values)
    {
        long bytes = 0;
        foreach (var value in values)
        {
            bytes += value.Length;
        }
        return bytes;
    }

    /// <summary>A caller's operations for one grain, and the task its results complete.</summary>
    internal sealed class Request<TOperation, TResult>(TOperation[] operations, long bytes) : IBatchable
    {
        public TOperation[] Operations { get; } = operations;

        public int Count => Operations.Length;

        public long Bytes { get; } = bytes;

        public TaskCompletionSource<TResult[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The lanes of one kind of grain: one queue per grain key, at most <see cref="MaxInFlight"/> calls in flight each.</summary>
    private sealed class Lanes<TOperation, TResult>(Func<string, TOperation[], Task<TResult[]>> call, Func<TOperation, long> sizeOf)
    {
        /// <summary>Calls in flight per grain: two keep the grain busy while the previous reply travels back.</summary>
        private const int MaxInFlight = 2;

        private readonly Dictionary<string, Lane> _lanes = [];

        public Task<TResult[]> Enqueue(string key, TOperation[] operations)
        {
            long bytes = 0;
            foreach (var operation in operations)
            {
                bytes += sizeOf(operation);
            }
            var request = new Request<TOperation, TResult>(operations, bytes);
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
                List<Request<TOperation, TResult>> batch;
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
                    batch = TakeBatch(lane.Pending, MaxCommandsPerCall, MaxBytesPerCall);
                }
                var all = batch.Count == 1 ? batch[0].Operations : batch.SelectMany(r => r.Operations).ToArray();
                try
                {
                    var results = await CallWithFailoverRetry(() => call(key, all));
                    var offset = 0;
                    foreach (var request in batch)
                    {
                        request.Done.TrySetResult(batch.Count == 1 ? results : results[offset..(offset + request.Count)]);
                        offset += request.Count;
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
            public List<Request<TOperation, TResult>> Pending { get; set; } = [];

            public int InFlight { get; set; }
        }
    }
}
