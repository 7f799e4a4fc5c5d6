using System.Text.Json;

namespace OrleansStreams.Processing;

/// <summary>The steps a definition names (JSON <c>filter</c>, <c>map</c>, <c>select</c>, <c>drop</c>, <c>flatMap</c>, or their fluent string forms), built on the delegate steps.</summary>
public static class Steps
{
    /// <summary>Keeps events for which the expression is true (null or false drops the event).</summary>
    public static IEventStep Filter(string expression, string path)
    {
        var parsed = FieldExpression.Parse(expression, path);
        return new FilterStep(parsed.IsTrue, "filter " + expression);
    }

    /// <summary>Sets each field to its expression's value; all expressions see the event as it was before the step.</summary>
    public static IEventStep Map(IReadOnlyList<KeyValuePair<string, string>> assignments, string path)
    {
        var names = assignments.Select(a => a.Key).ToArray();
        var expressions = assignments.Select(a => FieldExpression.Parse(a.Value, $"{path}.{a.Key}")).ToArray();
        return new MapStep(
            e =>
            {
                var values = new object?[expressions.Length];
                for (var i = 0; i < expressions.Length; i++)
                {
                    values[i] = expressions[i].Evaluate(e);
                }
                for (var i = 0; i < names.Length; i++)
                {
                    e.Fields[names[i]] = values[i];
                }
                return e;
            },
            "map " + string.Join(", ", names));
    }

    /// <summary>Keeps only the named fields (in the event's order).</summary>
    public static IEventStep Select(IReadOnlyCollection<string> fields)
    {
        var keep = new HashSet<string>(fields, StringComparer.Ordinal);
        return new MapStep(
            e =>
            {
                foreach (var name in e.Fields.Keys.Where(n => !keep.Contains(n)).ToList())
                {
                    e.Fields.Remove(name);
                }
                return e;
            },
            "select " + string.Join(", ", fields));
    }

    /// <summary>Removes the named fields.</summary>
    public static IEventStep Drop(IReadOnlyCollection<string> fields)
    {
        var names = fields.ToArray();
        return new MapStep(
            e =>
            {
                foreach (var name in names)
                {
                    e.Fields.Remove(name);
                }
                return e;
            },
            "drop " + string.Join(", ", fields));
    }

    /// <summary>
    /// One event per element of the array field (a List, or a string holding a JSON array): an object
    /// element's properties become fields (the array field removed), a scalar element replaces the field.
    /// A missing or null field yields no event; any other value leaves the event as it is.
    /// </summary>
    public static IEventStep FlatMap(string field) => new FlatMapStep(e => Explode(e, field), "flatMap " + field);

    private static IEnumerable<PipelineEvent> Explode(PipelineEvent e, string field)
    {
        if (!e.Fields.TryGetValue(field, out var value) || value is null)
        {
            return [];
        }
        var items = value switch
        {
            List<object?> list => list,
            string s when s.StartsWith('[') => ParseArray(s, field),
            _ => null,
        };
        if (items is null)
        {
            return [e];
        }
        var result = new List<PipelineEvent>(items.Count);
        foreach (var item in items)
        {
            if (item is Dictionary<string, object?> properties)
            {
                // A new dictionary, not Remove + add, so the properties come after the other fields in sink order.
                var copy = new PipelineEvent { Id = e.Id, Timestamp = e.Timestamp };
                foreach (var (name, v) in e.Fields.Where(f => f.Key != field).Concat(properties))
                {
                    copy.Fields[name] = v;
                }
                result.Add(copy);
            }
            else
            {
                result.Add(e.Clone().Set(field, item));
            }
        }
        return result;
    }

    private static List<object?> ParseArray(string json, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return EventValues.FromJson(document.RootElement) as List<object?>
                ?? throw new PipelineEventException($"field '{field}' is not a JSON array");
        }
        catch (JsonException ex)
        {
            throw new PipelineEventException($"field '{field}' is not a valid JSON array: {ex.Message}", ex);
        }
    }
}
