namespace OrleansStreams.Streaming;
