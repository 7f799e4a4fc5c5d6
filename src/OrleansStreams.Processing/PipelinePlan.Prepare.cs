using System.Globalization;
using OrleansStreams.Streams;

namespace OrleansStreams.Processing;

public sealed partial class PipelinePlan
{
    private PrepareLayout? _layout;

    private PrepareLayout Layout => _layout ??= new PrepareLayout(this);

    /// <summary>
    /// Source side: parses one entry, runs the <see cref="Pre"/> steps and appends a <see cref="KeyedEvent"/>
    /// per surviving event (key, event time, each aggregate's input text, and the flattened fields when
    /// <see cref="NeedsFields"/>). With no steps, no JSON field and no key function it reads the key,
    /// event time and aggregate inputs straight from <paramref name="fields"/> without building an event.
    /// </summary>
    /// <exception cref="PipelineEventException">The event time is not a number, or a step fails.</exception>
    public void Prepare(StreamEntryId id, IReadOnlyList<KeyValuePair<string, string>> fields, List<KeyedEvent> output)
    {
        var layout = Layout;
        if (layout.Direct)
        {
            output.Add(layout.PrepareDirect(id, fields));
            return;
        }
        var e = PipelineEvent.FromFields(id, fields, Source.JsonField);
        if (Pre.Count == 0)
        {
            output.Add(layout.Keyed(e));
            return;
        }
        var events = new List<PipelineEvent>(1);
        RunSteps(Pre, e, events);
        foreach (var item in events)
        {
            output.Add(layout.Keyed(item));
        }
    }

    /// <summary>What <see cref="Prepare"/> reads, worked out once per plan.</summary>
    private sealed class PrepareLayout
    {
        private readonly PipelinePlan _plan;
        private readonly string[] _keyFields;
        private readonly string?[] _inputFields;
        private readonly string? _timeField;

        public PrepareLayout(PipelinePlan plan)
        {
            _plan = plan;
            _keyFields = [.. plan.KeyFields];
            _inputFields = [.. plan.Aggregates.Select(a => a.Op is AggregateOp.Count or AggregateOp.Duration ? null : a.Field)];
            _timeField = plan.Source.EventTimeField;
            Direct = plan.Pre.Count == 0 && plan.Source.JsonField is null && plan.KeySelector is null && !plan.NeedsFields;
        }

        public bool Direct { get; }

        public KeyedEvent PrepareDirect(StreamEntryId id, IReadOnlyList<KeyValuePair<string, string>> fields)
        {
            var values = _inputFields.Length == 0 ? [] : new string?[_inputFields.Length];
            string? key = null;
            string[]? keyParts = _keyFields.Length > 1 ? new string[_keyFields.Length] : null;
            var timestamp = (long)Math.Min(id.Ms, long.MaxValue);
            for (var f = 0; f < fields.Count; f++)
            {
                var (name, value) = fields[f];
                if (name == _timeField)
                {
                    timestamp = ParseTime(value);
                }
                for (var k = 0; k < _keyFields.Length; k++)
                {
                    if (name == _keyFields[k])
                    {
                        if (keyParts is null)
                        {
                            key = value;
                        }
                        else
                        {
                            keyParts[k] = value;
                        }
                    }
                }
                for (var a = 0; a < _inputFields.Length; a++)
                {
                    if (name == _inputFields[a])
                    {
                        values[a] = value;
                    }
                }
            }
            if (keyParts is not null)
            {
                key = string.Join(':', keyParts.Select(p => p ?? ""));
            }
            return new KeyedEvent(key ?? "", timestamp, id, values);
        }

        public KeyedEvent Keyed(PipelineEvent e)
        {
            var key = _plan.KeySelector is { } selector ? Select(selector, e) : KeyOf(e);
            var timestamp = e.Timestamp;
            if (_timeField is not null && e.Fields.TryGetValue(_timeField, out var time) && time is not null)
            {
                timestamp = time switch
                {
                    long l => l,
                    double d when d == Math.Floor(d) && Math.Abs(d) < 9e18 => (long)d,
                    string s => ParseTime(s),
                    _ => throw BadTime(EventValues.ToText(time)),
                };
            }
            var values = _inputFields.Length == 0 ? [] : new string?[_inputFields.Length];
            for (var a = 0; a < _inputFields.Length; a++)
            {
                if (_inputFields[a] is { } field && e.Fields.TryGetValue(field, out var value))
                {
                    values[a] = EventValues.ToText(value);
                }
            }
            string[]? flat = null;
            if (_plan.NeedsFields)
            {
                var pairs = e.ToFields();
                flat = new string[pairs.Count * 2];
                for (var i = 0; i < pairs.Count; i++)
                {
                    (flat[2 * i], flat[2 * i + 1]) = (pairs[i].Key, pairs[i].Value);
                }
            }
            return new KeyedEvent(key, timestamp, e.Id, values, flat);
        }

        private string KeyOf(PipelineEvent e)
        {
            if (_keyFields.Length == 1)
            {
                return e.Fields.TryGetValue(_keyFields[0], out var v) ? EventValues.ToText(v) ?? "" : "";
            }
            return string.Join(':', _keyFields.Select(k => e.Fields.TryGetValue(k, out var v) ? EventValues.ToText(v) ?? "" : ""));
        }

        private static string Select(Func<PipelineEvent, string> selector, PipelineEvent e)
        {
            try
            {
                return selector(e) ?? "";
            }
            catch (Exception ex)
            {
                throw new PipelineEventException($"keyBy failed: {ex.Message}", ex);
            }
        }

        private long ParseTime(string text) =>
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) ? ms : throw BadTime(text);

        private PipelineEventException BadTime(string? text) =>
            new($"event time field '{_timeField}' is not a number of milliseconds: '{text}'");
    }
}
