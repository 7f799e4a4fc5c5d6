using OrleansStreams.Cluster;
using Microsoft.Extensions.Hosting;
using System.Text;
using Microsoft.Extensions.Logging;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Grains;
using OrleansStreams.Streams;
using Orleans.Placement;

namespace OrleansStreams.Processing;

/// <summary>
/// Reads one source partition of one pipeline incarnation, runs the stateless steps (parse, filter, map,
/// flatMap, key, event time), tracks the partition's watermark, and sends each key group its events of
/// the batch in one call. Its position is the internal consumer group's last-delivered ID, committed
/// (as XGROUP SETID does) only after every key group has made the batch durable, as a Kafka source
/// commits offsets: a crash reads the uncommitted entries again and the key groups skip what they
/// already applied. No pending-entries list is kept for the pipeline (docs/decisions/0012).
/// </summary>
[SlotPlacement]
public sealed partial class SourceReaderGrain(PipelinePlans plans, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<SourceReaderGrain> logger) : Grain, ISourceReaderGrain
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);
    private const long BroadcastEveryMs = 200;
    private const int LatencySamples = 1024;

    private readonly List<KeyedEvent> _events = [];
    private readonly List<KeyValuePair<string, string>> _fields = [];
    private readonly List<KeyValuePair<string, string>[]> _errors = [];
    private readonly double[] _latency = new double[LatencySamples];
    private int _latencyCount;
    private string _pipeline = "";
    private long _incarnation;
    private string _streamKey = "";
    private string _streamName = "";
    private PipelinePlan? _plan;
    private IWatermarkGenerator _watermark = null!;
    private IGrainTimer? _timer;
    private bool _paused;
    private bool _stopped;
    private bool _groupReady;
    private StreamEntryId? _position;
    private (StreamEntryId From, Task<StreamResult[]> Read)? _readAhead;
    private bool _behind;
    private StreamEntryId? _jumpTo;
    private long _jumpDropped;
    private long _dropped;
    private long _entriesRead = -1;
    private long _sentWatermark = long.MinValue;
    private bool _sentIdle;
    private long _sentAt;
    private long _received;
    private long _failed;
    private long _bytesIn;
    private string? _lastError;
    private string? _memory;
    private StreamEntryId _memoryAfter = StreamEntryId.Min;

    private IStreamPartitionGrain Stream => GrainFactory.GetGrain<IStreamPartitionGrain>(_streamKey);

    private IConsumerGroupGrain Group => PipelineGroups.Group(GrainFactory, _streamKey, _pipeline, _incarnation);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_incarnation, _pipeline, _streamKey) = PipelineKeys.ParseReader(this.GetPrimaryKeyString());
        _memory = PipelinePartitions.MemorySource(_streamKey);
        _streamName = PipelinePartitions.Name(_streamKey);
        var run = await PipelinePlans.DescribeAsync(GrainFactory, _pipeline, _incarnation);
        if (run is null)
        {
            _stopped = true;
            return;
        }
        _plan = plans.Get(run);
        _paused = run.Paused;
        _watermark = WatermarkGenerators.Create(_plan.Watermark);
    }

    public async Task Ensure()
    {
        if (_stopped)
        {
            return;
        }
        // The pipeline's current state, not what the caller saw: a keep and a pause may cross.
        if (await PipelinePlans.DescribeAsync(GrainFactory, _pipeline, _incarnation) is not { } run)
        {
            await Stop();
            return;
        }
        _paused = run.Paused;
        _timer ??= this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TimeSpan.Zero, Period) { KeepAlive = true, Interleave = false });
    }

    public async Task Stop()
    {
        _stopped = true;
        _timer?.Dispose();
        _timer = null;
        if (_plan is not null && _memory is null)
        {
            await Group.Execute(new([new ConsumerGroupOperation.Destroy()]));
        }
        DeactivateOnIdle();
    }

    public async Task<ReaderMetrics> Metrics()
    {
        var lag = 0L;
        if (_plan is not null && _memory is null && _groupReady && await Group.Info() is { } info)
        {
            lag = info.Lag ?? 0;
        }
        return new ReaderMetrics(
            _received, _failed, _bytesIn, _plan is null ? long.MinValue : _watermark.Current, _plan is not null && _watermark.IsIdle(Now),
            lag, _latency.AsSpan(0, Math.Min(_latencyCount, LatencySamples)).ToArray(), _dropped, _lastError);
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private bool Stopping => lifetime.ApplicationStopping.IsCancellationRequested;

    private async Task Tick(CancellationToken cancellationToken)
    {
        // Once the silo stops, nothing more is read: the stream grains are going away, and what is not
        // committed is read again when the reader runs next.
        if (_stopped || _paused || _plan is null || Stopping)
        {
            return;
        }
        try
        {
            if (!_groupReady && _memory is null)
            {
                await CreateGroup();
            }
            var deadline = Now + 250;
            int read;
            do
            {
                read = await Pump();
            }
            while (read > 0 && Now < deadline && !_paused && !_stopped && !Stopping);
            if (read == 0)
            {
                _watermark.OnTick(Now);
                await Broadcast(null, force: false);
            }
            _lastError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next tick retries: nothing was acknowledged, the key groups skip what they already have.
            _lastError = ex.Message;
            _groupReady = false;
            if (!Stopping)
            {
                LogPumpFailed(logger, ex, _pipeline, _streamName);
            }
        }
    }

    private async Task CreateGroup()
    {
        await PipelineGroups.EnsureAsync(GrainFactory, _streamKey, _pipeline, _incarnation, _plan!.Source.From);
        // Resume after the committed position (the group's last-delivered ID).
        var info = await Group.Info() ?? throw new InvalidOperationException($"The pipeline's group on '{_streamName}' vanished.");
        _position = info.LastDeliveredId.Next();
        // Entries-read makes the group's lag known (XINFO GROUPS, buffer policies); a group at 0-0 has read none.
        _entriesRead = info.EntriesRead ?? (info.LastDeliveredId == StreamEntryId.Min ? 0 : -1);
        _groupReady = true;
    }

    /// <summary>
    /// Reads the entries after the committed position, processes them, and when every key group has
    /// made them durable commits the new position to the internal consumer group (its last-delivered
    /// ID and entries-read, as XGROUP SETID does). A crash before the commit reads them again; the key
    /// groups skip what they already applied. Returns the number of entries read.
    /// </summary>
    private async Task<int> Pump()
    {
        var plan = _plan!;
        var started = Now;
        if (_memory is not null)
        {
            return await PumpMemory(plan, started);
        }
        if (_position is null)
        {
            return 0; // at the maximum ID: nothing can come after it
        }
        var count = _behind && plan.Buffer.Policy != BufferPolicy.Block ? await ApplyBufferPolicy(plan) : plan.BatchSize;
        if (_position is not { } position)
        {
            return 0;
        }
        var range = await Read(position, count);
        var entries = range[0] switch
        {
            StreamResult.Entries found => found.Items,
            StreamResult.Failed failed => throw new InvalidOperationException($"Cannot read stream '{_streamName}': {failed.Error}."),
            _ => [],
        };
        if (entries.Length == 0)
        {
            return 0;
        }
        _events.Clear();
        _errors.Clear();
        foreach (var entry in entries)
        {
            Prepare(plan, entry);
        }
        _received += entries.Length;
        // dropNewest: the commit covers the entries skipped after this batch, up to the end as it was.
        var last = _jumpTo is { } jump ? jump.Previous() ?? entries[^1].Id : entries[^1].Id;
        // Read ahead while the key groups work on this batch (a full batch says more is waiting).
        if (entries.Length == plan.BatchSize && last.Next() is { } next)
        {
            _readAhead = (next, Stream.Execute(new([new StreamOperation.Range(next, StreamEntryId.Max, plan.BatchSize, false)])));
        }
        await Deliver(plan);
        if (_entriesRead >= 0)
        {
            _entriesRead += entries.Length + _jumpDropped;
        }
        _jumpDropped = 0;
        var commit = await Group.Execute(new([new ConsumerGroupOperation.SetId(new GroupStart(last, false), _entriesRead)]));
        if (commit[0] is ConsumerGroupResult.Failed failedCommit)
        {
            throw new InvalidOperationException($"Cannot commit the position in stream '{_streamName}': {failedCommit.Error}.");
        }
        _position = last.Next();
        _jumpTo = null;
        _behind = entries.Length >= plan.BatchSize;
        Sample(Now - started);
        return entries.Length;
    }

    /// <summary>
    /// The bounded buffer between the source and the pipeline (docs/pipelines.md, "buffer"): when the
    /// pipeline is more than <c>capacity</c> entries behind, <c>dropOldest</c> skips to the newest
    /// <c>capacity</c> entries, and <c>dropNewest</c> takes the oldest <c>capacity</c> entries as the next
    /// batch and skips what came after them up to the end of the stream when it was checked. Drops are
    /// counted (events_dropped) and committed with the next batch. How far behind comes from the internal
    /// group's lag; when Redis' rules leave the lag unknown, nothing is dropped. Returns how many to read.
    /// </summary>
    private async Task<long> ApplyBufferPolicy(PipelinePlan plan)
    {
        var capacity = plan.Buffer.Capacity;
        if (await Group.Info() is not { Lag: { } lag } || lag <= capacity)
        {
            return plan.BatchSize;
        }
        if (_readAhead is { } ahead)
        {
            _readAhead = null;
            _ = ahead.Read.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
        var excess = lag - capacity;
        if (plan.Buffer.Policy == BufferPolicy.DropOldest)
        {
            // The oldest of the newest `capacity` entries is where reading goes on.
            var newest = await Stream.Execute(new([new StreamOperation.Range(_position!.Value, StreamEntryId.Max, capacity, true)]));
            if (newest[0] is StreamResult.Entries { Items.Length: > 0 } kept)
            {
                _position = kept.Items[^1].Id;
                _dropped += excess;
                _jumpDropped = excess;
            }
            return plan.BatchSize;
        }
        var end = await Stream.Execute(new([new StreamOperation.Range(_position!.Value, StreamEntryId.Max, 1, true)]));
        if (end[0] is StreamResult.Entries { Items.Length: > 0 } tail)
        {
            _jumpTo = tail.Items[0].Id.Next();
            _dropped += excess;
            _jumpDropped = excess;
        }
        return capacity;
    }

    /// <summary>The entries from <paramref name="from"/> on: the read-ahead when it starts there, else a new read.</summary>
    private async Task<StreamResult[]> Read(StreamEntryId from, long count)
    {
        if (_readAhead is { } ahead)
        {
            _readAhead = null;
            if (ahead.From == from)
            {
                return await ahead.Read;
            }
            _ = ahead.Read.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
        return await Stream.Execute(new([new StreamOperation.Range(from, StreamEntryId.Max, count, false)]));
    }

    /// <summary>Hands the batch's events to the key groups and its failed entries to the error stream.</summary>
    private async Task Deliver(PipelinePlan plan)
    {
        await Broadcast(_events, force: true);
        if (_errors.Count > 0)
        {
            await PipelineSinks.AppendAsync(GrainFactory, plan.ErrorStream, _errors.ToList());
        }
    }

    /// <summary>A memory source (tests): read after the last position; nothing to acknowledge, nothing durable.</summary>
    private async Task<int> PumpMemory(PipelinePlan plan, long started)
    {
        var entries = MemoryPipelineIO.ReadSource(_memory!, _memoryAfter, plan.BatchSize);
        if (entries.Count == 0)
        {
            return 0;
        }
        _events.Clear();
        _errors.Clear();
        foreach (var entry in entries)
        {
            _fields.Clear();
            _fields.AddRange(entry.Fields);
            Prepare(plan, entry.Id);
        }
        _received += entries.Count;
        await Deliver(plan);
        _memoryAfter = entries[^1].Id;
        Sample(Now - started);
        return entries.Count;
    }

    private void Prepare(PipelinePlan plan, StreamEntry entry)
    {
        _fields.Clear();
        var raw = entry.Fields;
        for (var f = 0; f + 1 < raw.Length; f += 2)
        {
            _fields.Add(new(Encoding.UTF8.GetString(raw[f]), Encoding.UTF8.GetString(raw[f + 1])));
            _bytesIn += raw[f].Length + raw[f + 1].Length;
        }
        Prepare(plan, entry.Id);
    }

    /// <summary>Runs the stateless steps on the entry in <see cref="_fields"/>; a failure goes to the error stream.</summary>
    private void Prepare(PipelinePlan plan, StreamEntryId id)
    {
        var before = _events.Count;
        try
        {
            plan.Prepare(id, _fields, _events);
        }
        catch (PipelineEventException ex)
        {
            _events.RemoveRange(before, _events.Count - before);
            _failed++;
            _errors.Add([new("entry", id.ToString()), new("stream", _streamName), new("error", ex.Message)]);
            return;
        }
        var now = Now;
        for (var i = before; i < _events.Count; i++)
        {
            _watermark.OnEvent(_events[i].Timestamp, now);
        }
    }

    /// <summary>
    /// Sends each key group its events with the partition's watermark; key groups without events get
    /// the watermark alone when it moved (at most every <see cref="BroadcastEveryMs"/>), so every key
    /// group sees every partition's progress.
    /// </summary>
    private async Task Broadcast(List<KeyedEvent>? events, bool force)
    {
        var plan = _plan!;
        var now = Now;
        var watermark = _watermark.Current;
        var idle = _watermark.IsIdle(now);
        var moved = watermark != _sentWatermark || idle != _sentIdle;
        var everyone = moved && (now - _sentAt >= BroadcastEveryMs || (!force && events is null));
        Dictionary<int, List<KeyedEvent>>? groups = null;
        if (events is { Count: > 0 })
        {
            groups = [];
            foreach (var e in events)
            {
                var kg = plan.KeyGroupOf(e.Key);
                if (!groups.TryGetValue(kg, out var list))
                {
                    groups[kg] = list = [];
                }
                list.Add(e);
            }
        }
        if (groups is null && !everyone)
        {
            return;
        }
        var calls = new List<Task>();
        for (var kg = 0; kg < plan.KeyGroups; kg++)
        {
            KeyedEvent[] batch;
            if (groups is not null && groups.TryGetValue(kg, out var list))
            {
                batch = list.ToArray();
            }
            else if (everyone)
            {
                batch = [];
            }
            else
            {
                continue;
            }
            calls.Add(KeyGroup(plan, kg).Apply(new KeyGroupBatch(_streamKey, batch, watermark, idle, now)));
        }
        await Task.WhenAll(calls);
        if (everyone)
        {
            _sentWatermark = watermark;
            _sentIdle = idle;
            _sentAt = now;
        }
    }

    private IKeyGroupGrain KeyGroup(PipelinePlan plan, int kg) => PipelinePartitions.KeyGroup(GrainFactory, plan, _pipeline, _incarnation, kg);

    private void Sample(double ms)
    {
        _latency[_latencyCount % LatencySamples] = ms;
        _latencyCount++;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline {Pipeline}: reading {Stream} failed; retrying")]
    private static partial void LogPumpFailed(ILogger logger, Exception ex, string pipeline, string stream);
}
