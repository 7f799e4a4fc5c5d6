using Microsoft.Extensions.Logging;

namespace OrleansStreams.Streaming;

internal sealed partial class PartitionReceiver
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Stream provider {Provider}: created consumer group {Group} on {Stream} at {Position}")]
    private static partial void LogGroupCreated(ILogger logger, string group, string stream, string position, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream provider {Provider}: delivering again {Count} entries of {Stream} that were read but not acknowledged before")]
    private static partial void LogRedelivering(ILogger logger, int count, string stream, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: consumer group {Group} on {Stream} is gone (stream deleted or group destroyed); creating it again")]
    private static partial void LogGroupLost(ILogger logger, string group, string stream, string provider);
}
