using System.Runtime.CompilerServices;
using OrleansStreams.Streams;

namespace OrleansStreams.Client;

/// <summary>
/// Typed reads: each entry read back as a <c>T</c> with the client's <see cref="IStreamClient.Serializer"/>
/// (fields or one JSON field, as the client writes them).
/// </summary>
public static class StreamClientTypedExtensions
{
    public static async Task<IReadOnlyList<StreamMessage<T>>> RangeAsync<T>(this IStreamClient client, string stream, StreamEntryId? start = null, StreamEntryId? end = null, int? count = null, CancellationToken cancellationToken = default) =>
        Typed<T>(client, await client.RangeAsync(stream, start, end, count, cancellationToken));

    public static async Task<IReadOnlyList<StreamMessage<T>>> ReverseRangeAsync<T>(this IStreamClient client, string stream, StreamEntryId? end = null, StreamEntryId? start = null, int? count = null, CancellationToken cancellationToken = default) =>
        Typed<T>(client, await client.ReverseRangeAsync(stream, end, start, count, cancellationToken));

    public static async Task<IReadOnlyList<StreamMessage<T>>> ReadAsync<T>(this IStreamClient client, string stream, StreamEntryId after, int? count = null, CancellationToken cancellationToken = default) =>
        Typed<T>(client, await client.ReadAsync(stream, after, count, cancellationToken));

    public static async Task<IReadOnlyList<StreamMessage<T>>> ReadGroupAsync<T>(this IStreamClient client, string stream, string group, string consumer, ReadGroupOptions? options = null, CancellationToken cancellationToken = default) =>
        Typed<T>(client, [.. (await client.ReadGroupAsync(stream, group, consumer, options, cancellationToken)).Where(m => !m.Deleted)]);

    public static async IAsyncEnumerable<StreamMessage<T>> TailAsync<T>(this IStreamClient client, string stream, StreamEntryId? after = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var message in client.TailAsync(stream, after, cancellationToken))
        {
            yield return new(message.Id, message.As<T>(client.Serializer));
        }
    }

    private static StreamMessage<T>[] Typed<T>(IStreamClient client, IReadOnlyList<StreamMessage> messages) =>
        [.. messages.Select(m => new StreamMessage<T>(m.Id, m.As<T>(client.Serializer)))];
}
