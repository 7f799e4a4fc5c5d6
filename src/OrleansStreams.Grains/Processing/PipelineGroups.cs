using System.Text;
using OrleansStreams.ConsumerGroups;
using OrleansStreams.Grains;
using OrleansStreams.Streams;

namespace OrleansStreams.Processing;

/// <summary>The internal consumer group that holds a reader's committed position in its source stream.</summary>
public static class PipelineGroups
{
    public static IConsumerGroupGrain Group(IGrainFactory grains, string streamKey, string pipeline, long incarnation) =>
        grains.GetGrain<IConsumerGroupGrain>(GrainKeys.Group(streamKey, PipelineKeys.Group(pipeline, incarnation)));

    /// <summary>
    /// Creates the group at <c>source.from</c> (<c>$</c>: the stream's last ID now) unless it exists, creating an
    /// empty stream if none (MKSTREAM). The pipeline does this for its named streams when it is created, so
    /// <c>$</c> means "after PIPELINE.CREATE"; a reader does it for partitions found later.
    /// </summary>
    public static async Task EnsureAsync(IGrainFactory grains, string streamKey, string pipeline, long incarnation, string from)
    {
        var start = from == "$" ? new GroupStart(StreamEntryId.Min, FromEnd: true)
            : StreamEntryId.TryParse(Encoding.ASCII.GetBytes(from), 0, out var id) ? new GroupStart(id, false)
            : GroupStart.Beginning;
        var result = await Group(grains, streamKey, pipeline, incarnation).Execute(new([new ConsumerGroupOperation.Create(start, MakeStream: true)]));
        if (result[0] is ConsumerGroupResult.Failed { Error: not StreamError.GroupExists } failed)
        {
            var name = PipelinePartitions.Name(streamKey);
            throw new InvalidOperationException(failed.Error == StreamError.WrongType
                ? $"source '{name}' holds the wrong kind of value (not a stream)"
                : $"cannot read source '{name}': {failed.Error}");
        }
    }
}
