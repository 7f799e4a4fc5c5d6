using OrleansStreams.Grains;

namespace OrleansStreams.Streams;

/// <summary>
/// The stream's side of consumer groups: it keeps the group names (so deleting the stream deletes
/// its groups, and XINFO STREAM counts them) and serves entries to the groups, which pull. The stream
/// never calls a group grain.
/// </summary>
public sealed partial class StreamPartitionGrain
{
    public async Task<GroupPull> CreateGroup(string group, bool makeStream)
    {
        await ExpireIfDue();
        if (_log is null)
        {
            var error = makeStream ? await RegisterError() : await WrongTypeError();
            if (!makeStream && error == StreamError.None)
            {
                error = StreamError.NoSuchKey;
            }
            if (error != StreamError.None)
            {
                return await PullLoaded(error, [], group);
            }
            _log ??= Created();
        }
        await LoadSegments(_log.UnloadedSegmentsForEdges());
        if (!_log.AddGroup(group))
        {
            return await PullLoaded(StreamError.GroupExists, [], group);
        }
        await Commit();
        return await PullLoaded(StreamError.None, [], group);
    }

    public async Task<bool> DestroyGroup(string group)
    {
        await ExpireIfDue();
        if (_log is null || !_log.RemoveGroup(group))
        {
            return false;
        }
        await Commit();
        // Readers blocked on the group re-check and get their error, as in Redis.
        NotifyWatchers();
        return true;
    }

    public async Task<GroupPull> GetGroups()
    {
        await ExpireIfDue();
        if (_log is null)
        {
            return await PullLoaded(await WrongTypeError(), [], null);
        }
        return (await PullLoaded(StreamError.None, [], null)) with { Groups = [.. _log.Groups] };
    }

    public async Task<GroupPull> PullAfter(string group, StreamEntryId after, long count)
    {
        await ExpireIfDue();
        if (_log is not { } log)
        {
            return await PullLoaded(await WrongTypeError(), [], group);
        }
        var entries = new List<StreamEntry>();
        if (log.Groups.Contains(group) && after.Next() is { } start)
        {
            await LoadUntilPresent(log, l => l.UnloadedSegmentsForRange(start, StreamEntryId.Max, count, false));
            entries = log.Range(start, StreamEntryId.Max, count, false);
        }
        await _journal.Flushed;
        return await PullLoaded(StreamError.None, [.. entries], group);
    }

    public Task StartReader(ISourceReaderGrain reader)
    {
        // Not awaited: the reader reads this grain, and this grain must never wait for it.
        _ = reader.Ensure().ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        return Task.CompletedTask;
    }

    public async Task<GroupPull> PullIds(string group, StreamEntryId[] ids)
    {
        await ExpireIfDue();
        if (_log is not { } log)
        {
            return await PullLoaded(await WrongTypeError(), new StreamEntry?[ids.Length], group);
        }
        await LoadUntilPresent(log, l => [.. l.UnloadedSegmentsForIds(ids).Union(l.UnloadedSegmentsForEdges())]);
        var entries = new StreamEntry?[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            entries[i] = log.Range(ids[i], ids[i], 1, false) is [var e] ? e : null;
        }
        await _journal.Flushed;
        return await PullLoaded(StreamError.None, entries, group);
    }

    /// <summary>
    /// <see cref="Pull"/> once the stream's edge segments are loaded: its counters read the first entry, and a
    /// checkpoint during an earlier await (a commit, a flush) may have evicted that segment again.
    /// </summary>
    private async Task<GroupPull> PullLoaded(StreamError error, StreamEntry?[] entries, string? group)
    {
        if (_log is { } log)
        {
            await LoadUntilPresent(log, l => l.UnloadedSegmentsForEdges());
        }
        return Pull(error, entries, group);
    }

    private GroupPull Pull(StreamError error, StreamEntry?[] entries, string? group)
    {
        var log = _log;
        var counters = log is null
            ? new StreamCounters(0, 0, default, default, default)
            : new StreamCounters(log.EntriesAdded, log.Length, log.FirstId, log.LastId, log.MaxDeletedId);
        return new GroupPull(error, log is not null, group is not null && log is not null && log.Groups.Contains(group), entries, counters);
    }
}
