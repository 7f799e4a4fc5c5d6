using OrleansStreams.Replies;

namespace OrleansStreams.Resp.Commands;

/// <summary>Several replies to one command, written back to back (SUBSCRIBE answers once per channel).</summary>
public sealed record SequenceReply(Reply[] Items) : Reply;
