namespace OrleansStreams.Processing;

/// <summary>A pipeline definition (JSON or fluent) that cannot run; the message names the JSON path of the problem.</summary>
public sealed class PipelineDefinitionException : Exception
{
    public const string Prefix = "invalid pipeline definition: ";

    public PipelineDefinitionException(string problem, Exception? inner = null) : base(Prefix + problem, inner)
    {
        Problem = problem;
    }

    /// <summary>The message without its prefix, e.g. <c>steps[2].window.sizeMs must be a positive integer</c>.</summary>
    public string Problem { get; }
}

/// <summary>One event that a pipeline cannot process (bad event time, failing expression); the runtime counts it and writes it to the error stream.</summary>
public sealed class PipelineEventException : Exception
{
    public PipelineEventException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
