using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansStreams.Processing;

/// <summary>First or last value by event time; on equal times the earlier arrival is first and the later one last.</summary>
internal sealed class FirstLastState(bool last) : AggregateState
{
    private bool _has;
    private long _timestamp;
    private string _value = "";

    public override void Add(string? value, long timestamp)
    {
        if (value is not null)
        {
            Offer(value, timestamp);
        }
    }

    public override void Merge(AggregateState other)
    {
        var o = (FirstLastState)other;
        if (o._has)
        {
            Offer(o._value, o._timestamp);
        }
    }

    private void Offer(string value, long timestamp)
    {
        if (!_has || (last ? timestamp >= _timestamp : timestamp < _timestamp))
        {
            _has = true;
            _timestamp = timestamp;
            _value = value;
        }
    }

    public override string Result() => _value;

    public override long EstimatedBytes => base.EstimatedBytes + StringBytes(_value);

    public override void WriteTo(BinaryWriter writer)
    {
        writer.Write(_has);
        writer.Write(_timestamp);
        writer.Write(_value);
    }

    public override void ReadFrom(BinaryReader reader)
    {
        _has = reader.ReadBoolean();
        _timestamp = reader.ReadInt64();
        _value = reader.ReadString();
    }
}

/// <summary>Latest minus earliest event time of the window.</summary>
internal sealed class DurationState : AggregateState
{
    private long _min = long.MaxValue;
    private long _max = long.MinValue;

    public override void Add(string? value, long timestamp)
    {
        _min = Math.Min(_min, timestamp);
        _max = Math.Max(_max, timestamp);
    }

    public override void Merge(AggregateState other)
    {
        var o = (DurationState)other;
        _min = Math.Min(_min, o._min);
        _max = Math.Max(_max, o._max);
    }

    public override string Result() => _min > _max ? "" : new Number(true, _max - _min, 0).Format();

    public override void WriteTo(BinaryWriter writer)
    {
        writer.Write(_min);
        writer.Write(_max);
    }

    public override void ReadFrom(BinaryReader reader)
    {
        _min = reader.ReadInt64();
        _max = reader.ReadInt64();
    }
}

/// <summary>Distinct non-null values, exact up to the limit, then saturated at the limit.</summary>
internal sealed class CountDistinctState(int limit) : AggregateState
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private long _bytes;

    public override void Add(string? value, long timestamp)
    {
        if (value is not null && _seen.Count < limit && _seen.Add(value))
        {
            _bytes += StringBytes(value) + 16;
        }
    }

    public override void Merge(AggregateState other)
    {
        foreach (var value in ((CountDistinctState)other)._seen)
        {
            Add(value, 0);
        }
    }

    public override string Result() => new Number(true, _seen.Count, 0).Format();

    public override long EstimatedBytes => base.EstimatedBytes + ObjectBytes + _bytes;

    public override void WriteTo(BinaryWriter writer) => WriteStrings(writer, _seen, _seen.Count);

    public override void ReadFrom(BinaryReader reader)
    {
        for (var i = reader.Read7BitEncodedInt(); i > 0; i--)
        {
            Add(reader.ReadString(), 0);
        }
    }

    internal static void WriteStrings(BinaryWriter writer, IEnumerable<string> values, int count)
    {
        writer.Write7BitEncodedInt(count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }
}

/// <summary>The first <c>limit</c> non-null values in arrival order, as a JSON array of strings.</summary>
internal sealed class CollectState(int limit) : AggregateState
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<string> _values = [];
    private long _bytes;

    public override void Add(string? value, long timestamp)
    {
        if (value is not null && _values.Count < limit)
        {
            _values.Add(value);
            _bytes += StringBytes(value) + 8;
        }
    }

    public override void Merge(AggregateState other)
    {
        foreach (var value in ((CollectState)other)._values)
        {
            Add(value, 0);
        }
    }

    public override string Result()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Relaxed))
        {
            json.WriteStartArray();
            foreach (var value in _values)
            {
                json.WriteStringValue(value);
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public override long EstimatedBytes => base.EstimatedBytes + ObjectBytes + _bytes;

    public override void WriteTo(BinaryWriter writer) => CountDistinctState.WriteStrings(writer, _values, _values.Count);

    public override void ReadFrom(BinaryReader reader)
    {
        for (var i = reader.Read7BitEncodedInt(); i > 0; i--)
        {
            Add(reader.ReadString(), 0);
        }
    }
}
