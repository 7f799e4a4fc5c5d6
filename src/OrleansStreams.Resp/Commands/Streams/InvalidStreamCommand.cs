using OrleansStreams.Streams;

namespace OrleansStreams.Resp.Commands;

/// <summary>The parse of a stream command whose arguments earned a Redis error: answered in the gateway, never sent to a grain.</summary>
public sealed record InvalidStreamCommand(string Error) : StreamOperation;
