using System.Diagnostics;
using System.Text.Json.Nodes;
using OrleansStreams.Cli.Output;
using OrleansStreams.Client;

namespace OrleansStreams.Cli.Commands;

/// <summary>
/// One refresh of <c>top</c>: every stream with its length and groups, and the rates since the previous
/// refresh (entries added per second for a stream, entries read per second for a group).
/// </summary>
internal sealed class TopSampler(IStreamClient streams, int maxStreams)
{
    private readonly Dictionary<string, double> _previous = [];
    private long _previousAt;

    public async Task<JsonObject> SampleAsync(CancellationToken cancellation)
    {
        var now = Stopwatch.GetTimestamp();
        var seconds = _previousAt == 0 ? 0 : Stopwatch.GetElapsedTime(_previousAt, now).TotalSeconds;
        var names = await streams.ListStreamsAsync(maxStreams, cancellation);
        var rows = await Task.WhenAll(names.Select(name => StreamAsync(name, seconds, cancellation)));
        _previousAt = now;
        return new JsonObject { ["streams"] = new JsonArray([.. rows.OfType<JsonObject>()]) };
    }

    private async Task<JsonObject?> StreamAsync(string name, double seconds, CancellationToken cancellation)
    {
        StreamDescription info;
        IReadOnlyList<GroupDescription> groups;
        try
        {
            info = await streams.InfoAsync(name, cancellation);
            groups = await streams.GroupsAsync(name, cancellation);
        }
        catch (StreamNotFoundException)
        {
            // Deleted between the listing and the look: it is simply gone from this refresh.
            return null;
        }
        return new JsonObject
        {
            ["name"] = name,
            ["length"] = info.Length,
            ["entriesAdded"] = info.EntriesAdded,
            ["addedPerSecond"] = Rate(name, info.EntriesAdded, seconds),
            ["groups"] = new JsonArray([.. groups.Select(g =>
            {
                var group = Documents.Group(g);
                group["readPerSecond"] = g.EntriesRead is { } read ? Rate(name + "\0" + g.Name, read, seconds) : null;
                return group;
            })]),
        };
    }

    /// <summary>The counter's change per second since the previous refresh; null on the first one.</summary>
    private JsonNode? Rate(string key, double counter, double seconds)
    {
        double? rate = null;
        lock (_previous)
        {
            if (seconds > 0 && _previous.TryGetValue(key, out var before))
            {
                rate = Math.Round(Math.Max(0, counter - before) / seconds, 1);
            }
            _previous[key] = counter;
        }
        return rate;
    }
}
