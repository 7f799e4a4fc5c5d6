using StackExchange.Redis;

namespace OrleansStreams.Storage;

/// <summary>
/// Silos of one service with file storage must all use one data folder on one machine: two folders
/// would each hold a different copy of an object, and the grain's fence (the epoch file) could not
/// see the other. With Redis clustering the first silo records its machine and folder under the
/// service id, and a silo with another one refuses to start.
/// </summary>
public static class FileStorageClaim
{
    public static FileLogStore Open(IConnectionMultiplexer redis, string serviceId, string dataFolder)
    {
        var store = new FileLogStore(dataFolder);
        var key = $"{serviceId}/os/file-storage";
        var mine = $"{Environment.MachineName}:{store.Root}";
        var db = redis.GetDatabase();
        db.StringSet(key, mine, when: When.NotExists);
        var registered = (string?)db.StringGet(key);
        if (registered != mine)
        {
            throw new InvalidOperationException(
                $"Service '{serviceId}' keeps its file storage at {registered}, but this silo would use {mine}. " +
                "Silos with file storage must share one data folder on one machine (--data); across machines use --storage redis.");
        }
        return store;
    }
}
