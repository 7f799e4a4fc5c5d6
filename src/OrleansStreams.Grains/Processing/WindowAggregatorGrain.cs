using Orleans.Placement;
using OrleansStreams.Grains;
using OrleansStreams.Storage;

namespace OrleansStreams.Processing;

/// <summary>Windows of one key group: a Core <see cref="WindowOperator"/> fed by batches, fired by the combined watermark.</summary>
[HashBasedPlacement] // key groups spread over the silos by their key, as Flink assigns key groups to task slots
public sealed class WindowAggregatorGrain(ILogStore store, PipelinePlans plans, TimeProvider time)
    : KeyGroupGrain(store, plans, time), IWindowAggregatorGrain
{
    private readonly WindowOutput _output = new();
    private readonly List<PipelineEvent> _results = [];
    private WindowOperator? _operator;

    private WindowOperator Operator => _operator ??= new WindowOperator(Plan.Window!, Plan.Aggregates, Plan.Late);

    protected override long StateBytes => _operator?.EstimatedBytes ?? 0;

    protected override long StateEntries => _operator?.OpenWindows ?? 0;

    protected override void ApplyEvents(string partition, IReadOnlyList<KeyedEvent> events, long nowMs)
    {
        _output.Clear();
        foreach (var e in events)
        {
            Operator.Add(e, _output);
        }
        Drain();
    }

    protected override void AdvanceWatermark(long watermark, long nowMs)
    {
        _output.Clear();
        Operator.AdvanceWatermark(watermark, _output);
        Drain();
    }

    private void Drain()
    {
        foreach (var result in _output.Results)
        {
            _results.Clear();
            try
            {
                Plan.Finish(result, _results);
            }
            catch (PipelineEventException ex)
            {
                Failed++;
                EmitError([new("key", result.Key), new("window_start", result.WindowStart.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("error", ex.Message)]);
                continue;
            }
            foreach (var e in _results)
            {
                Emit(ToSinkItem(e, result.Key));
            }
        }
        LateDropped += _output.LateDropped;
        if (_output.Late.Count > 0)
        {
            LateSideOutput += _output.Late.Count;
            foreach (var late in _output.Late)
            {
                EmitLate(late);
            }
        }
        _output.Clear();
    }

    protected override void WriteState(BinaryWriter writer) => Operator.WriteTo(writer);

    protected override void ReadState(BinaryReader reader) =>
        _operator = WindowOperator.ReadFrom(reader, Plan.Window!, Plan.Aggregates, Plan.Late);
}
