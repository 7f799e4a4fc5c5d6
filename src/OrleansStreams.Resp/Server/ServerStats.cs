using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansStreams.Resp.Server;

/// <summary>Counters behind INFO stats, commandstats and errorstats.</summary>
public sealed class ServerStats
{
    private readonly ConcurrentDictionary<string, CommandStat> _commands = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _commandsProcessed;
    private long _errorReplies;

    public DateTimeOffset StartTime { get; } = DateTimeOffset.UtcNow;

    public long CommandsProcessed => Interlocked.Read(ref _commandsProcessed);

    public long ErrorReplies => Interlocked.Read(ref _errorReplies);

    public IEnumerable<KeyValuePair<string, CommandStat>> Commands => _commands.Where(c => c.Value.Calls + c.Value.Rejected > 0).OrderBy(c => c.Key, StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, long>> Errors => _errors.OrderBy(c => c.Key, StringComparer.Ordinal);

    /// <summary>The counters of one command; callers on the hot path keep the object.</summary>
    public CommandStat For(string name) => _commands.GetOrAdd(name, _ => new CommandStat());

    public void RecordCommand(CommandStat stat, long elapsedTicks, bool failed)
    {
        Interlocked.Increment(ref _commandsProcessed);
        Interlocked.Increment(ref stat.Calls);
        Interlocked.Add(ref stat.Ticks, elapsedTicks);
        if (failed)
        {
            Interlocked.Increment(ref stat.Failed);
        }
    }

    public void RecordRejected(string name)
    {
        var stat = _commands.GetOrAdd(name, _ => new CommandStat());
        Interlocked.Increment(ref stat.Rejected);
    }

    /// <summary>Counts an error reply under its code (the first word, as Redis' errorstats).</summary>
    public void RecordError(string message)
    {
        Interlocked.Increment(ref _errorReplies);
        var space = message.IndexOf(' ', StringComparison.Ordinal);
        var code = space < 0 ? message : message[..space];
        _errors.AddOrUpdate(code, 1, (_, n) => n + 1);
    }

    public void Reset()
    {
        foreach (var stat in _commands.Values)
        {
            stat.Clear();
        }
        _errors.Clear();
        Interlocked.Exchange(ref _commandsProcessed, 0);
        Interlocked.Exchange(ref _errorReplies, 0);
    }

    public sealed class CommandStat
    {
        public long Calls;
        public long Ticks;
        public long Failed;
        public long Rejected;

        public void Clear()
        {
            Interlocked.Exchange(ref Calls, 0);
            Interlocked.Exchange(ref Ticks, 0);
            Interlocked.Exchange(ref Failed, 0);
            Interlocked.Exchange(ref Rejected, 0);
        }
    }
}
