namespace OrleansStreams.Processing;

/// <summary>The running state of one aggregate of one window; see <see cref="Accumulator"/> for the semantics.</summary>
internal abstract class AggregateState
{
    /// <summary>Rough managed-heap cost of an object header plus a reference, for size estimates.</summary>
    protected const long ObjectBytes = 24;

    public abstract void Add(string? value, long timestamp);

    /// <summary>Folds in a state of the same aggregate whose events count as having arrived after this one's.</summary>
    public abstract void Merge(AggregateState other);

    public abstract string Result();

    public abstract void WriteTo(BinaryWriter writer);

    public abstract void ReadFrom(BinaryReader reader);

    public virtual long EstimatedBytes => ObjectBytes + 16;

    protected static long StringBytes(string s) => ObjectBytes + (2L * s.Length);

    public static AggregateState Create(AggregateSpec spec) => spec.Op switch
    {
        AggregateOp.Count => new CountState(),
        AggregateOp.Sum => new SumState(),
        AggregateOp.Avg => new AvgState(),
        AggregateOp.Min => new ExtremeState(max: false),
        AggregateOp.Max => new ExtremeState(max: true),
        AggregateOp.First => new FirstLastState(last: false),
        AggregateOp.Last => new FirstLastState(last: true),
        AggregateOp.CountDistinct => new CountDistinctState(spec.Limit),
        AggregateOp.Collect => new CollectState(spec.Limit),
        AggregateOp.Duration => new DurationState(),
        _ => throw new NotSupportedException($"Unknown aggregate {spec.Op}."),
    };
}

internal sealed class CountState : AggregateState
{
    private long _count;

    public override void Add(string? value, long timestamp) => _count++;

    public override void Merge(AggregateState other) => _count += ((CountState)other)._count;

    public override string Result() => new Number(true, _count, 0).Format();

    public override void WriteTo(BinaryWriter writer) => writer.Write(_count);

    public override void ReadFrom(BinaryReader reader) => _count = reader.ReadInt64();
}

internal sealed class SumState : AggregateState
{
    private Number _sum = Number.Zero;

    public override void Add(string? value, long timestamp)
    {
        if (Number.TryParse(value, out var n))
        {
            _sum = _sum.Plus(n);
        }
    }

    public override void Merge(AggregateState other) => _sum = _sum.Plus(((SumState)other)._sum);

    public override string Result() => _sum.Format();

    public override void WriteTo(BinaryWriter writer) => _sum.WriteTo(writer);

    public override void ReadFrom(BinaryReader reader) => _sum = Number.ReadFrom(reader);
}

internal sealed class AvgState : AggregateState
{
    private Number _sum = Number.Zero;
    private long _count;

    public override void Add(string? value, long timestamp)
    {
        if (Number.TryParse(value, out var n))
        {
            _sum = _sum.Plus(n);
            _count++;
        }
    }

    public override void Merge(AggregateState other)
    {
        var o = (AvgState)other;
        _sum = _sum.Plus(o._sum);
        _count += o._count;
    }

    public override string Result() => _count == 0 ? ""
        : _sum.IsInteger && _sum.Integer % _count == 0 ? new Number(true, _sum.Integer / _count, 0).Format()
        : new Number(false, 0, _sum.AsDouble / _count).Format();

    public override void WriteTo(BinaryWriter writer)
    {
        _sum.WriteTo(writer);
        writer.Write(_count);
    }

    public override void ReadFrom(BinaryReader reader)
    {
        _sum = Number.ReadFrom(reader);
        _count = reader.ReadInt64();
    }
}

/// <summary>Min or max of the numeric inputs.</summary>
internal sealed class ExtremeState(bool max) : AggregateState
{
    private bool _has;
    private Number _value;

    public override void Add(string? value, long timestamp)
    {
        if (Number.TryParse(value, out var n))
        {
            Offer(n);
        }
    }

    public override void Merge(AggregateState other)
    {
        var o = (ExtremeState)other;
        if (o._has)
        {
            Offer(o._value);
        }
    }

    private void Offer(Number n)
    {
        var c = n.CompareTo(_value);
        if (!_has || (max ? c > 0 : c < 0))
        {
            _value = n;
            _has = true;
        }
    }

    public override string Result() => _has ? _value.Format() : "";

    public override void WriteTo(BinaryWriter writer)
    {
        writer.Write(_has);
        _value.WriteTo(writer);
    }

    public override void ReadFrom(BinaryReader reader)
    {
        _has = reader.ReadBoolean();
        _value = Number.ReadFrom(reader);
    }
}
