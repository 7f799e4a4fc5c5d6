using System.Text.Json.Nodes;

namespace OrleansStreams.Cli.Commands;

/// <summary>Latency samples in milliseconds from several tasks, summarised as p50, p99 and max.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _samples = [];

    public void Add(double milliseconds)
    {
        lock (_samples)
        {
            _samples.Add(milliseconds);
        }
    }

    public JsonObject Summary()
    {
        double[] sorted;
        lock (_samples)
        {
            sorted = [.. _samples.Order()];
        }
        return new JsonObject
        {
            ["samples"] = sorted.Length,
            ["p50"] = Percentile(sorted, 0.50),
            ["p99"] = Percentile(sorted, 0.99),
            ["max"] = sorted.Length == 0 ? null : Math.Round(sorted[^1], 3),
        };
    }

    /// <summary>The nearest-rank percentile; null without samples.</summary>
    private static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
}
