namespace OrleansStreams.Processing;

/// <summary>What a <see cref="WindowOperator"/> call produced: fired windows in firing order, late events for the side output, and a count of dropped late events.</summary>
public sealed class WindowOutput
{
    public List<WindowResult> Results { get; } = [];

    /// <summary>Late events under <see cref="LatePolicyKind.SideOutput"/>, in arrival order.</summary>
    public List<KeyedEvent> Late { get; } = [];

    /// <summary>Late events dropped (and only counted) since the last <see cref="Clear"/>.</summary>
    public long LateDropped { get; set; }

    public void Clear()
    {
        Results.Clear();
        Late.Clear();
        LateDropped = 0;
    }
}
