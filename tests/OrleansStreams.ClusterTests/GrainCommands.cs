using System.Text;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Keyspace;
using OrleansStreams.Streams;

namespace OrleansStreams.ClusterTests;

/// <summary>
/// Typed operations as the SDK, the stream provider and pipelines send them to grains — no RESP.
/// </summary>
public static class GrainCommands
{
    public static Immutable<KeyspaceOperation[]> Ops(params KeyspaceOperation[] operations) => new(operations);

    /// <summary>A plain SET of a string value.</summary>
    public static KeyspaceOperation SetString(string key, string value) =>
        new KeyspaceOperation.Set(Bytes(key), Bytes(value), SetCondition.None, false, false, null);

    public static Immutable<StreamOperation[]> Ops(params StreamOperation[] operations) => new(operations);

    public static Immutable<ConsumerGroupOperation[]> Ops(params ConsumerGroupOperation[] operations) => new(operations);

    public static StreamEntryId Id(ulong ms, ulong seq = 0) => new(ms, seq);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[][] Fields(params string[] fieldsAndValues) => fieldsAndValues.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>An append with an explicit ID.</summary>
    public static StreamOperation Append(StreamEntryId id, params string[] fieldsAndValues) =>
        new StreamOperation.Append(false, StreamTrim.None, true, true, id, Fields(fieldsAndValues));

    /// <summary>An append with a generated ID (<c>*</c>).</summary>
    public static StreamOperation AppendAuto(params string[] fieldsAndValues) => StreamOperation.Append.Auto(Fields(fieldsAndValues));

    public static StreamOperation All(long count = -1) => new StreamOperation.Range(StreamEntryId.Min, StreamEntryId.Max, count, false);

    public static StreamEntryId[] Ids(GroupEntry[] entries) => [.. entries.Select(e => e.Id)];
}
