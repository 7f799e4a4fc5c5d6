using Orleans.Placement;
using OrleansStreams.Grains;
using OrleansStreams.Storage;

namespace OrleansStreams.Processing;

/// <summary>
/// User state of one key group for stateful C# operators (process, rolling reduce): a Core
/// <see cref="KeyedStateStore"/> whose entries may expire. The operator runs here, once per event, with
/// the state of the event's key; its outputs go to the sink.
/// </summary>
[HashBasedPlacement] // key groups spread over the silos by their key, as Flink assigns key groups to task slots
public sealed class KeyedStateGrain(ILogStore store, PipelinePlans plans, TimeProvider time)
    : KeyGroupGrain(store, plans, time), IKeyedStateGrain
{
    private readonly List<PipelineEvent> _results = [];
    private const long ExpireEveryMs = 5_000;
    private KeyedStateStore _state = new();
    private long _lastExpire;

    protected override long StateBytes => _state.EstimatedBytes;

    protected override long StateEntries => _state.Count;

    protected override void ApplyEvents(string partition, IReadOnlyList<KeyedEvent> events, long nowMs)
    {
        // Expired values already read as absent; dropping them walks all state, so only every few seconds
        // (of batch time, which is journaled, so a replay does the same).
        if (nowMs - _lastExpire >= ExpireEveryMs)
        {
            _state.Expire(nowMs);
            _lastExpire = nowMs;
        }
        foreach (var e in events)
        {
            _results.Clear();
            try
            {
                Plan.RunProcess(e, _state.For(e.Key, nowMs), _results);
            }
            catch (Exception ex) when (ex is PipelineEventException or InvalidOperationException or ArgumentException or FormatException or NullReferenceException or InvalidCastException)
            {
                Failed++;
                EmitError(ErrorEntry(e, partition, ex));
                continue;
            }
            foreach (var result in _results)
            {
                Emit(ToSinkItem(result, e.Key));
            }
        }
        _state.TakeChanges();
    }

    protected override void AdvanceWatermark(long watermark, long nowMs)
    {
    }

    protected override void WriteState(BinaryWriter writer) => _state.WriteTo(writer);

    protected override void ReadState(BinaryReader reader) => _state = KeyedStateStore.ReadFrom(reader);
}
