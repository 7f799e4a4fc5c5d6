using System.Text;
using OrleansStreams.Grains;
using OrleansStreams.Partitioning;
using OrleansStreams.Streams;

namespace OrleansStreams.Client;

/// <summary>
/// <see cref="IStreamClient"/> over the grains: each method builds the typed operations the RESP
/// gateway would, calls the same grain with the same failover retry, and turns the typed result into
/// a value or a typed exception. No rule of the stream is decided here.
/// </summary>
public sealed partial class StreamClient : IStreamClient
{
    private static readonly TimeSpan DatabaseMapRefresh = TimeSpan.FromSeconds(10);

    private readonly IGrainFactory _grains;
    private readonly OrleansStreamsClientOptions _options;
    private readonly DatabaseMap _databases = new(16);
    private long _databaseMapFetched = long.MinValue;
    private StreamWakeups? _wakeups;

    public StreamClient(IGrainFactory grains, OrleansStreamsClientOptions options)
    {
        _grains = grains;
        _options = options;
        Serializer = new EntrySerializer(options.EntryFormat, options.JsonFieldName, options.JsonOptions);
        Pipelines = new PipelineClient(grains);
    }

    public EntrySerializer Serializer { get; }

    public IPipelineClient Pipelines { get; }

    private StreamWakeups Wakeups => _wakeups ??= new StreamWakeups(_grains);

    /// <summary>The physical database of the configured logical one (SWAPDB moves it), refreshed every few seconds.</summary>
    private async ValueTask<int> PhysicalDb()
    {
        if (TimeProvider.System.GetElapsedTime(Volatile.Read(ref _databaseMapFetched)) > DatabaseMapRefresh || _databaseMapFetched == long.MinValue)
        {
            _databases.Set(await Call(() => _grains.GetGrain<IServerGrain>(0).GetDatabaseMap(_databases.Count)));
            Volatile.Write(ref _databaseMapFetched, TimeProvider.System.GetTimestamp());
        }
        return _databases.Physical(_options.Database);
    }

    private async ValueTask<string> StreamKey(string stream) => GrainKeys.Stream(await PhysicalDb(), Encoding.UTF8.GetBytes(stream));

    private async ValueTask<IStreamPartitionGrain> Stream(string stream) => _grains.GetGrain<IStreamPartitionGrain>(await StreamKey(stream));

    private static Task<T> Call<T>(Func<Task<T>> call, CancellationToken cancellationToken = default) => FailoverRetry.CallAsync(call, cancellationToken);

    /// <summary>Runs typed operations on one stream, in order; a failed one throws its typed exception.</summary>
    private async Task<StreamResult[]> Execute(string stream, StreamOperation[] operations, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var grain = await Stream(stream);
        var results = await Call(() => grain.Execute(new Immutable<StreamOperation[]>(operations)), cancellationToken);
        foreach (var result in results)
        {
            if (result is StreamResult.Failed failed)
            {
                throw StreamException.For(failed.Error, stream);
            }
        }
        return results;
    }

    private async Task<StreamResult> ExecuteOne(string stream, StreamOperation operation, CancellationToken cancellationToken) =>
        (await Execute(stream, [operation], cancellationToken))[0];

    internal static byte[][] Flatten(IReadOnlyList<StreamField> fields)
    {
        if (fields.Count == 0)
        {
            throw new ArgumentException("An entry needs at least one field.", nameof(fields));
        }
        var flat = new byte[fields.Count * 2][];
        for (var i = 0; i < fields.Count; i++)
        {
            flat[2 * i] = Encoding.UTF8.GetBytes(fields[i].Name);
            flat[(2 * i) + 1] = Encoding.UTF8.GetBytes(fields[i].Value);
        }
        return flat;
    }

    internal static StreamMessage ToMessage(StreamEntry entry) => new(entry.Id, Fields(entry.Fields));

    internal static IReadOnlyList<StreamField> Fields(byte[][] flat)
    {
        var fields = new StreamField[flat.Length / 2];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = new(Encoding.UTF8.GetString(flat[2 * i]), Encoding.UTF8.GetString(flat[(2 * i) + 1]));
        }
        return fields;
    }

    private static StreamOperation.Append Append(IReadOnlyList<StreamField> fields, AddOptions? options)
    {
        var trim = options?.Trim?.Spec ?? StreamTrim.None;
        return options switch
        {
            { Id: { } id } => new(options.NoMakeStream, trim, true, true, id, Flatten(fields)),
            { IdMilliseconds: { } ms } => new(options.NoMakeStream, trim, true, false, new StreamEntryId(ms, 0), Flatten(fields)),
            _ => new(options?.NoMakeStream ?? false, trim, false, false, default, Flatten(fields)),
        };
    }

    public async Task<StreamEntryId> AddAsync(string stream, IReadOnlyList<StreamField> fields, AddOptions? options = null, CancellationToken cancellationToken = default) =>
        AppendedId(stream, await ExecuteOne(stream, Append(fields, options), cancellationToken));

    public Task<StreamEntryId> AddAsync<T>(string stream, T value, AddOptions? options = null, CancellationToken cancellationToken = default) =>
        AddAsync(stream, Serializer.Serialize(value), options, cancellationToken);

    public async Task<IReadOnlyList<StreamEntryId>> AddBatchAsync(string stream, IEnumerable<IReadOnlyList<StreamField>> entries, AddOptions? options = null, CancellationToken cancellationToken = default)
    {
        var operations = entries.Select(e => (StreamOperation)Append(e, options)).ToArray();
        if (operations.Length == 0)
        {
            return [];
        }
        var results = await Execute(stream, operations, cancellationToken);
        return [.. results.Select(r => AppendedId(stream, r))];
    }

    public Task<IReadOnlyList<StreamEntryId>> AddBatchAsync<T>(string stream, IEnumerable<T> values, AddOptions? options = null, CancellationToken cancellationToken = default) =>
        AddBatchAsync(stream, values.Select(v => Serializer.Serialize(v)), options, cancellationToken);

    public async Task<(string Stream, StreamEntryId Id)> AddKeyedAsync(string topic, int partitions, string key, IReadOnlyList<StreamField> fields, AddOptions? options = null, CancellationToken cancellationToken = default)
    {
        var stream = KeyPartitioner.PartitionStream(topic, KeyPartitioner.PartitionOf(key, partitions));
        return (stream, await AddAsync(stream, fields, options, cancellationToken));
    }

    public Task<(string Stream, StreamEntryId Id)> AddKeyedAsync<T>(string topic, int partitions, string key, T value, AddOptions? options = null, CancellationToken cancellationToken = default) =>
        AddKeyedAsync(topic, partitions, key, Serializer.Serialize(value), options, cancellationToken);

    private static StreamEntryId AppendedId(string stream, StreamResult result) =>
        result is StreamResult.Appended { Id: { } id } ? id : throw new StreamNotFoundException(stream, Replies.RedisErrors.NoSuchKey);

    public async Task<long> TrimAsync(string stream, TrimOptions trim, CancellationToken cancellationToken = default) =>
        Counted(await ExecuteOne(stream, new StreamOperation.Trim(trim.Spec), cancellationToken));

    public async Task<long> DeleteEntriesAsync(string stream, IReadOnlyList<StreamEntryId> ids, CancellationToken cancellationToken = default) =>
        Counted(await ExecuteOne(stream, new StreamOperation.Delete([.. ids]), cancellationToken));

    public async Task<long> LengthAsync(string stream, CancellationToken cancellationToken = default) =>
        Counted(await ExecuteOne(stream, new StreamOperation.Length(), cancellationToken));

    public async Task<bool> DeleteStreamAsync(string stream, CancellationToken cancellationToken = default)
    {
        var db = _grains.GetGrain<IDatabaseGrain>(await PhysicalDb());
        var key = Encoding.UTF8.GetBytes(stream);
        switch (await Call(() => db.TypeOf(key), cancellationToken))
        {
            case "none":
                return false;
            case not "stream":
                throw new WrongTypeException(stream);
        }
        var results = await Call(() => db.Execute(new Immutable<Keyspace.KeyspaceOperation[]>([new Keyspace.KeyspaceOperation.Delete([key])])), cancellationToken);
        return results[0] is Keyspace.KeyspaceResult.Integer { Number: > 0 };
    }

    private static long Counted(StreamResult result) => result is StreamResult.Counted c ? c.Value : 0;
}
