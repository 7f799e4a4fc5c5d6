using System.Text;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Grains;
using OrleansStreams.Streams;

namespace OrleansStreams.Client;

public sealed partial class StreamClient
{
    public async Task<StreamDescription> InfoAsync(string stream, CancellationToken cancellationToken = default)
    {
        var info = ((StreamResult.Described)await ExecuteOne(stream, new StreamOperation.Info(false, 0), cancellationToken)).Info;
        return new(info.Length, info.LastGeneratedId, info.MaxDeletedEntryId, info.EntriesAdded, info.RecordedFirstEntryId, info.Groups,
            info.FirstEntry is null ? null : ToMessage(info.FirstEntry), info.LastEntry is null ? null : ToMessage(info.LastEntry));
    }

    public async Task<IReadOnlyList<GroupDescription>> GroupsAsync(string stream, CancellationToken cancellationToken = default)
    {
        var key = await StreamKey(stream);
        var groups = await GroupNames(key, stream, cancellationToken);
        var infos = await Task.WhenAll(groups.Select(g => Call(() => _grains.GetGrain<IConsumerGroupGrain>(GrainKeys.Group(key, g)).Info(), cancellationToken)));
        return [.. infos.OfType<ConsumerGroupInfo>().Select(i => new GroupDescription(Text(i.Name), i.Consumers, i.Pending, i.LastDeliveredId, i.EntriesRead, i.Lag,
            i.DeadLetter is { } d ? new DeadLetterDescription(d.MaxDeliveries, Text(d.Stream), d.DeadLettered) : null))];
    }

    public async Task<IReadOnlyList<ConsumerDescription>> ConsumersAsync(string stream, string group, CancellationToken cancellationToken = default)
    {
        var list = (ConsumerGroupResult.ConsumerList)await ExecuteOnGroup(stream, group, new ConsumerGroupOperation.ListConsumers(), cancellationToken);
        return [.. list.Items.Select(c => new ConsumerDescription(Text(c.Name), c.Pending, TimeSpan.FromMilliseconds(c.IdleMs)))];
    }

    public async Task<StreamHealthReport> HealthAsync(string stream, HealthThresholds? thresholds = null, CancellationToken cancellationToken = default)
    {
        thresholds ??= new HealthThresholds();
        var key = await StreamKey(stream);
        var pull = await GroupsOf(key, stream, cancellationToken);
        if (!pull.StreamExists)
        {
            return new(stream, false, 0, [], [$"stream '{stream}' does not exist"]);
        }
        var length = await LengthAsync(stream, cancellationToken);
        var problems = new List<string>();
        if (length > thresholds.MaxLength)
        {
            problems.Add($"length {length} is over {thresholds.MaxLength}");
        }
        var reports = new List<GroupHealthReport>();
        foreach (var name in pull.Groups)
        {
            var grain = _grains.GetGrain<IConsumerGroupGrain>(GrainKeys.Group(key, name));
            var info = await Call(() => grain.Info(), cancellationToken);
            var health = await Call(() => grain.Health(), cancellationToken);
            if (info is null || health is null)
            {
                continue;
            }
            var group = Text(info.Name);
            var report = new GroupHealthReport(group, health.Consumers, health.Pending, info.Lag, TimeSpan.FromMilliseconds(health.OldestPendingIdleMs), health.DeadLettered);
            reports.Add(report);
            if (report.Consumers == 0)
            {
                problems.Add($"group '{group}' has no consumers");
            }
            if (report.Pending > thresholds.MaxPending)
            {
                problems.Add($"group '{group}' has {report.Pending} pending entries, over {thresholds.MaxPending}");
            }
            if (report.Lag > thresholds.MaxLag)
            {
                problems.Add($"group '{group}' lags {report.Lag} entries behind, over {thresholds.MaxLag}");
            }
            if (report.Pending > 0 && report.OldestPendingIdle > thresholds.MaxPendingIdle)
            {
                problems.Add($"group '{group}' has an entry pending for {report.OldestPendingIdle.TotalSeconds:0.#} s, over {thresholds.MaxPendingIdle.Value.TotalSeconds:0.#} s");
            }
        }
        return new(stream, true, length, reports, problems);
    }

    public async Task<IReadOnlyList<string>> ListStreamsAsync(int max = 1000, CancellationToken cancellationToken = default)
    {
        var db = _grains.GetGrain<IDatabaseGrain>(await PhysicalDb());
        var keys = await Call(() => db.GetStreamKeys(max), cancellationToken);
        return [.. keys.Select(k => Encoding.UTF8.GetString(k)).Order(StringComparer.Ordinal)];
    }

    private async Task<string[]> GroupNames(string key, string stream, CancellationToken cancellationToken)
    {
        var pull = await GroupsOf(key, stream, cancellationToken);
        return pull.StreamExists ? pull.Groups : throw new StreamNotFoundException(stream, Replies.RedisErrors.NoSuchKey);
    }

    /// <summary>The stream's group names and whether it exists; a key of another type throws.</summary>
    private async Task<GroupPull> GroupsOf(string key, string stream, CancellationToken cancellationToken)
    {
        var pull = await Call(() => _grains.GetGrain<IStreamPartitionGrain>(key).GetGroups(), cancellationToken);
        return pull.Error != StreamError.None ? throw StreamException.For(pull.Error, stream) : pull;
    }
}
