using OrleansStreams.Grains;

namespace OrleansStreams.Resp.Commands;

/// <summary>
/// Redis serves blocked readers after EXEC, with the state at the end of the transaction
/// (MULTI / XADD / DEL / XADD / EXEC wakes a reader with the last entry only). A transaction here runs as
/// several grain calls, so the streams it touches hold their wake-ups until it is done.
/// </summary>
public static class TransactionWakeups
{
    /// <summary>More keys than this in one transaction are not held (their readers may wake early, as before).</summary>
    private const int MaxHeldKeys = 32;

    /// <summary>Runs <paramref name="run"/> with the wake-ups of the transaction's stream keys held.</summary>
    public static async Task<T> HoldWhile<T>(CommandContext context, IReadOnlyList<byte[][]> queued, Func<Task<T>> run)
    {
        var keys = Keys(context, queued);
        if (keys.Count == 0)
        {
            return await run();
        }
        var hold = Guid.NewGuid();
        var streams = keys.Select(k => context.Services.References.Stream(k)).ToArray();
        try
        {
            await Task.WhenAll(streams.Select(s => s.HoldWakeups(hold)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A stream that cannot be reached now wakes its readers as usual; the transaction still runs.
        }
        try
        {
            return await run();
        }
        finally
        {
            try
            {
                await Task.WhenAll(streams.Select(s => s.ReleaseWakeups(hold)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The hold lapses by itself within seconds.
            }
        }
    }

    /// <summary>The stream keys of a transaction of two or more commands with at least one stream command: every key its commands name.</summary>
    private static List<string> Keys(CommandContext context, IReadOnlyList<byte[][]> queued)
    {
        var keys = new List<string>();
        if (queued.Count < 2)
        {
            return keys;
        }
        var table = CommandTable.Default;
        var anyStream = false;
        foreach (var args in queued)
        {
            if (!table.TryGet(args[0], out var info))
            {
                continue;
            }
            anyStream |= info.Group == "stream";
            if (info.FirstKey <= 0)
            {
                continue;
            }
            var last = info.LastKey < 0 ? args.Length + info.LastKey : Math.Min(info.LastKey, args.Length - 1);
            for (var i = info.FirstKey; i <= last && keys.Count < MaxHeldKeys; i += Math.Max(info.Step, 1))
            {
                var key = GrainKeys.Stream(context.PhysicalDb, args[i]);
                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }
            }
        }
        return anyStream ? keys : [];
    }
}
