using OrleansStreams.Grains;
using OrleansStreams.Storage;
using OrleansStreams.Streams;

namespace OrleansStreams.Processing;

/// <summary>
/// What the window aggregators and keyed-state grains share: one key group of one pipeline incarnation,
/// its state in the journaled-state piece (docs/decisions/0008), de-duplication by source partition,
/// watermarks over the partitions, and an outbox of results for the sink.
/// <para>
/// Each batch is journaled as it came (partition, watermark, the events not applied before, the time)
/// and then applied; applying is deterministic, so a replay rebuilds the same state and the same
/// results. Results get sequence numbers; once the sink took them a small "sent" record is journaled,
/// so after a crash only results the sink may not have are sent again (at-least-once output, no event
/// applied twice to the state).
/// </para>
/// </summary>
public abstract class KeyGroupGrain(ILogStore store, PipelinePlans plans, TimeProvider time) : Grain, IKeyGroupGrain
{
    private const byte BatchRecord = 1;
    private const byte SentRecord = 2;
    private const byte SnapshotVersion = 2;

    private readonly Dictionary<string, StreamEntryId> _applied = new(StringComparer.Ordinal);
    private readonly List<(long Seq, SinkItem Item)> _outbox = [];
    private readonly List<KeyedEvent> _fresh = [];
    private JournaledState _journal = null!;
    private long _outSeq;
    private long _sentSeq;
    private bool _dropped;
    private Task _sending = Task.CompletedTask;

    /// <summary>Results waiting for the sink beyond which a batch waits for the send.</summary>
    private const int MaxUnsent = 50_000;

    protected long SendFailures { get; set; }

    protected PipelinePlan Plan { get; private set; } = null!;

    protected PartitionWatermarks Watermarks { get; private set; } = new();

    protected long Processed { get; set; }

    protected long Emitted { get; set; }

    protected long LateDropped { get; set; }

    protected long LateSideOutput { get; set; }

    protected long Failed { get; set; }

    protected long BytesOut { get; set; }

    protected long Duplicates { get; set; }


    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (incarnation, _, pipeline) = PipelineKeys.ParseKeyGroup(this.GetPrimaryKeyString());
        var run = await PipelinePlans.DescribeAsync(GrainFactory, pipeline, incarnation);
        if (run is null)
        {
            _dropped = true;
            Plan = null!;
            return;
        }
        Plan = plans.Get(run);
        SeedPartitions();
        _journal = new JournaledState(store, "pl/" + this.GetPrimaryKeyString(), new JournaledStateOptions
        {
            RecordsPerCheckpoint = 500,
            Capture = () => new CheckpointData(Snapshot()),
            OnFailure = _ => DeactivateOnIdle(),
        });
        await _journal.OpenAsync(
            snapshot =>
            {
                Restore(snapshot);
                return ValueTask.CompletedTask;
            },
            record =>
            {
                Replay(record.Payload);
                return ValueTask.CompletedTask;
            });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dropped || _journal is null)
        {
            return;
        }
        try
        {
            await _sending;
            if (!_journal.IsDurable)
            {
                await _journal.CheckpointAsync(); // memory storage keeps the state only in checkpoints
            }
        }
        finally
        {
            await _journal.CloseAsync();
        }
    }

    public async Task Apply(KeyGroupBatch batch)
    {
        if (_dropped)
        {
            return;
        }
        _fresh.Clear();
        _applied.TryGetValue(batch.Partition, out var applied);
        var hadAny = _applied.ContainsKey(batch.Partition);
        foreach (var e in batch.Events)
        {
            if (hadAny && e.SourceId <= applied)
            {
                Duplicates++;
                continue;
            }
            _fresh.Add(e);
        }
        var known = Watermarks.Partitions.TryGetValue(batch.Partition, out var before);
        if (_fresh.Count == 0 && known && before.Watermark >= batch.Watermark && before.Idle == batch.Idle)
        {
            return; // nothing new: no record
        }
        if (_journal.IsDurable)
        {
            _journal.Append(EncodeBatch(batch.Partition, batch.Watermark, batch.Idle, batch.NowMs, _fresh));
        }
        ApplyBatch(batch.Partition, batch.Watermark, batch.Idle, batch.NowMs, _fresh);
        await _journal.Flushed;
        await SendOutbox();
    }

    public Task<KeyGroupMetrics> Metrics() => Task.FromResult(_dropped
        ? new KeyGroupMetrics(0, 0, 0, 0, 0, 0, 0, 0, long.MinValue, 0)
        : new KeyGroupMetrics(Processed, Emitted, LateDropped, LateSideOutput, Failed, BytesOut, StateBytes, StateEntries, Watermarks.Current, Duplicates));

    public async Task Destroy()
    {
        if (!_dropped && _journal is not null)
        {
            await _sending;
            await _journal.DeleteAsync();
        }
        _dropped = true;
        DeactivateOnIdle();
    }

    protected abstract long StateBytes { get; }

    protected abstract long StateEntries { get; }

    /// <summary>Applies fresh events, then the new combined watermark; adds results with <see cref="Emit"/>.</summary>
    protected abstract void ApplyEvents(string partition, IReadOnlyList<KeyedEvent> events, long nowMs);

    protected abstract void AdvanceWatermark(long watermark, long nowMs);

    protected abstract void WriteState(BinaryWriter writer);

    protected abstract void ReadState(BinaryReader reader);

    /// <summary>
    /// Every named source stream holds the watermark back from the start, before its reader has sent
    /// anything (until it does, or reports itself idle): otherwise a key group that first hears from one
    /// partition would fire windows that another partition's events still belong to. Done before any
    /// batch and again after a snapshot is loaded, so a replay sees the same partitions as the first run.
    /// Partitions of a pattern cannot be known in advance; they count from their first batch.
    /// </summary>
    private void SeedPartitions()
    {
        foreach (var stream in Plan.Source.Streams)
        {
            var key = PipelinePartitions.StreamKey(stream);
            if (!Watermarks.Partitions.ContainsKey(key))
            {
                Watermarks.Update(key, long.MinValue, false);
            }
        }
    }

    /// <summary>Queues a late event for the side-output stream (when the policy has one).</summary>
    protected void EmitLate(KeyedEvent e) => Emit(new SinkItem(e.Key, long.MinValue, LateFields(e), SinkTarget.Late));

    /// <summary>Queues an error-stream entry.</summary>
    protected void EmitError(KeyValuePair<string, string>[] fields) => Emit(new SinkItem("", long.MinValue, fields, SinkTarget.Errors));

    /// <summary>Queues a result for the sink (in order; replays give the same sequence).</summary>
    protected void Emit(SinkItem item)
    {
        _outSeq++;
        if (_outSeq > _sentSeq)
        {
            _outbox.Add((_outSeq, item));
        }
    }

    private void ApplyBatch(string partition, long watermark, bool idle, long nowMs, IReadOnlyList<KeyedEvent> events)
    {
        if (events.Count > 0)
        {
            var last = events[^1].SourceId;
            if (!_applied.TryGetValue(partition, out var previous) || previous < last)
            {
                _applied[partition] = last;
            }
            Processed += events.Count;
            ApplyEvents(partition, events, nowMs);
        }
        Watermarks.Update(partition, watermark, idle);
        AdvanceWatermark(Watermarks.Current, nowMs);
    }

    /// <summary>
    /// Sends the outbox in the background, one send at a time and in order, so a batch does not wait
    /// for the sink (its results are in the journal already). Only when more than
    /// <see cref="MaxUnsent"/> results wait does the batch wait too: backpressure from a slow sink.
    /// A failed send keeps its results for the next one.
    /// </summary>
    private async Task SendOutbox()
    {
        if (_dropped)
        {
            return;
        }
        if (_sending.IsCompleted)
        {
            _sending = SendLoop();
        }
        if (_outbox.Count > MaxUnsent)
        {
            await _sending;
        }
    }

    private async Task SendLoop()
    {
        try
        {
            while (!_dropped && _outbox.Count > 0)
            {
                await SendNow();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Kept in the outbox; the next batch (or the next watermark) starts another send.
            SendFailures++;
        }
    }

    /// <summary>
    /// Sends everything in the outbox — results to the sink, late events to the side output, errors to the
    /// error stream — then journals "sent up to N". A failed send leaves all of it for the next try, so
    /// each item is written at least once (replays regenerate unsent ones with the same numbers).
    /// </summary>
    private async Task SendNow()
    {
        var upTo = _outbox[^1].Seq;
        var results = new List<SinkItem>();
        var late = new List<KeyValuePair<string, string>[]>();
        var errors = new List<KeyValuePair<string, string>[]>();
        foreach (var (_, item) in _outbox)
        {
            (item.Target switch { SinkTarget.Late => late, SinkTarget.Errors => errors, _ => null })?.Add(item.Fields);
            if (item.Target == SinkTarget.Sink)
            {
                results.Add(item);
            }
        }
        if (results.Count > 0)
        {
            await PipelineSinks.WriteAsync(GrainFactory, Plan.Sink, results);
        }
        if (late.Count > 0 && Plan.Late.Stream is { } lateStream)
        {
            await PipelineSinks.AppendAsync(GrainFactory, lateStream, late);
        }
        if (errors.Count > 0)
        {
            await PipelineSinks.AppendAsync(GrainFactory, Plan.ErrorStream, errors);
        }
        var bytes = results.Sum(i => i.Fields.Sum(f => (long)System.Text.Encoding.UTF8.GetByteCount(f.Key) + System.Text.Encoding.UTF8.GetByteCount(f.Value)));
        Emitted += results.Count;
        BytesOut += bytes;
        _outbox.RemoveAll(o => o.Seq <= upTo);
        _sentSeq = upTo;
        if (_journal.IsDurable)
        {
            // What was sent, with the counters' share of it, so a replay restores events_emitted and bytes_out.
            var record = new byte[25];
            record[0] = SentRecord;
            BitConverter.TryWriteBytes(record.AsSpan(1), upTo);
            BitConverter.TryWriteBytes(record.AsSpan(9), (long)results.Count);
            BitConverter.TryWriteBytes(record.AsSpan(17), bytes);
            _journal.Append(record);
        }
    }

    private static KeyValuePair<string, string>[] LateFields(KeyedEvent e)
    {
        var fields = e.Fields ?? [];
        var pairs = new KeyValuePair<string, string>[fields.Length / 2];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = new(fields[2 * i], fields[2 * i + 1]);
        }
        return pairs;
    }

    private static byte[] EncodeBatch(string partition, long watermark, bool idle, long nowMs, IReadOnlyList<KeyedEvent> events)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(BatchRecord);
            writer.Write(partition);
            writer.Write(watermark);
            writer.Write(idle);
            writer.Write(nowMs);
            KeyedEventCodec.Write(writer, events);
        }
        return stream.ToArray();
    }

    private void Replay(ReadOnlyMemory<byte> payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload.ToArray()));
        switch (reader.ReadByte())
        {
            case BatchRecord:
                var partition = reader.ReadString();
                var watermark = reader.ReadInt64();
                var idle = reader.ReadBoolean();
                var nowMs = reader.ReadInt64();
                var events = KeyedEventCodec.Read(reader);
                ApplyBatch(partition, watermark, idle, nowMs, events);
                break;
            case SentRecord:
                var upTo = reader.ReadInt64();
                _outbox.RemoveAll(o => o.Seq <= upTo);
                _sentSeq = Math.Max(_sentSeq, upTo);
                Emitted += reader.ReadInt64();
                BytesOut += reader.ReadInt64();
                break;
            default:
                throw new InvalidDataException($"Unknown record in the journal of key group {this.GetPrimaryKeyString()}.");
        }
    }

    private byte[] Snapshot()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(SnapshotVersion);
            writer.Write(_applied.Count);
            foreach (var (partition, id) in _applied)
            {
                writer.Write(partition);
                writer.Write(id.Ms);
                writer.Write(id.Seq);
            }
            Watermarks.WriteTo(writer);
            writer.Write(_outSeq);
            writer.Write(_sentSeq);
            writer.Write(_outbox.Count);
            foreach (var (seq, item) in _outbox)
            {
                writer.Write(seq);
                writer.Write(item.Key);
                writer.Write(item.WindowStart);
                writer.Write((byte)item.Target);
                writer.Write(item.Fields.Length);
                foreach (var (name, value) in item.Fields)
                {
                    writer.Write(name);
                    writer.Write(value);
                }
            }
            foreach (var counter in (long[])[Processed, Emitted, LateDropped, LateSideOutput, Failed, BytesOut, Duplicates])
            {
                writer.Write(counter);
            }
            WriteState(writer);
        }
        return stream.ToArray();
    }

    private void Restore(ReadOnlyMemory<byte> snapshot)
    {
        using var reader = new BinaryReader(new MemoryStream(snapshot.ToArray()));
        if (reader.ReadByte() != SnapshotVersion)
        {
            throw new InvalidDataException($"Unknown snapshot version in key group {this.GetPrimaryKeyString()}.");
        }
        _applied.Clear();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            _applied[reader.ReadString()] = new StreamEntryId(reader.ReadUInt64(), reader.ReadUInt64());
        }
        Watermarks = PartitionWatermarks.ReadFrom(reader);
        SeedPartitions();
        _outSeq = reader.ReadInt64();
        _sentSeq = reader.ReadInt64();
        _outbox.Clear();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var seq = reader.ReadInt64();
            var key = reader.ReadString();
            var start = reader.ReadInt64();
            var target = (SinkTarget)reader.ReadByte();
            var fields = new KeyValuePair<string, string>[reader.ReadInt32()];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = new(reader.ReadString(), reader.ReadString());
            }
            _outbox.Add((seq, new SinkItem(key, start, fields, target)));
        }
        Processed = reader.ReadInt64();
        Emitted = reader.ReadInt64();
        LateDropped = reader.ReadInt64();
        LateSideOutput = reader.ReadInt64();
        Failed = reader.ReadInt64();
        BytesOut = reader.ReadInt64();
        Duplicates = reader.ReadInt64();
        ReadState(reader);
    }

    /// <summary>A result event's sink item: its key and window start come from the fields the engine sets.</summary>
    protected static SinkItem ToSinkItem(PipelineEvent e, string fallbackKey)
    {
        var key = e.Fields.TryGetValue("key", out var k) && k is not null ? Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture)! : fallbackKey;
        var start = e.Fields.TryGetValue("window_start", out var s) && s is long l ? l : long.MinValue;
        return new SinkItem(key, start, e.ToFields().ToArray());
    }

    /// <summary>An error-stream entry for an event: its source entry ID, source stream name, key and the error.</summary>
    protected static KeyValuePair<string, string>[] ErrorEntry(KeyedEvent e, string partition, Exception error) =>
        [new("entry", e.SourceId.ToString()), new("stream", PipelinePartitions.Name(partition)), new("key", e.Key), new("error", error.Message)];


    protected TimeProvider Time => time;
}
