using System.Globalization;
using NCalc;
using NCalc.Exceptions;
using NCalc.Factories;

namespace OrleansStreams.Processing;

/// <summary>
/// An NCalc expression over an event's fields, parsed once. Identifiers are field names (<c>[odd name]</c>
/// for names with other characters); a missing field is null. Evaluation reuses one NCalc
/// <see cref="Expression"/> per thread, whose parameter handler reads the current event, so an event costs
/// no parse and no per-field copy.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A plan's expressions live as long as the plan; an undisposed ThreadLocal is collected with it.")]
public sealed class FieldExpression
{
    private static readonly ExpressionConfiguration Configuration = ExpressionConfiguration.FromOptions(
        ExpressionOptions.AllowNullParameter | ExpressionOptions.OrdinalStringComparer | ExpressionOptions.NoCache);

    private readonly LogicalExpression _parsed;
    private readonly ThreadLocal<Evaluator> _evaluators;

    private FieldExpression(string text, LogicalExpression parsed)
    {
        Text = text;
        _parsed = parsed;
        _evaluators = new ThreadLocal<Evaluator>(() => new Evaluator(_parsed));
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; a syntax error becomes a <see cref="PipelineDefinitionException"/> naming <paramref name="path"/>.</summary>
    public static FieldExpression Parse(string text, string path)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PipelineDefinitionException($"{path} must be a non-empty expression");
        }
        try
        {
            return new FieldExpression(text, LogicalExpressionFactory.Create(text, Configuration.Parsing, CultureInfo.InvariantCulture));
        }
        catch (NCalcException ex)
        {
            throw new PipelineDefinitionException($"{path} is not a valid expression: {ex.Message}", ex);
        }
    }

    /// <summary>The expression's value for <paramref name="e"/>.</summary>
    /// <exception cref="PipelineEventException">The expression fails on this event (e.g. a string compared with a number).</exception>
    public object? Evaluate(PipelineEvent e)
    {
        var evaluator = _evaluators.Value!;
        evaluator.Current = e;
        try
        {
            return evaluator.Expression.Evaluate();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new PipelineEventException($"expression '{Text}' failed: {ex.Message}", ex);
        }
        finally
        {
            evaluator.Current = null;
        }
    }

    /// <summary>True only when the expression evaluates to boolean true.</summary>
    public bool IsTrue(PipelineEvent e) => Evaluate(e) is true;

    public override string ToString() => Text;

    private sealed class Evaluator
    {
        public Evaluator(LogicalExpression parsed)
        {
            var context = new ExpressionContext();
            context.EvaluateParameterHandler = (name, args) =>
                args.Result = Current is { } e && e.Fields.TryGetValue(name, out var value) ? value : null;
            Expression = new Expression(parsed, Configuration, context, CultureInfo.InvariantCulture, null);
        }

        public Expression Expression { get; }

        public PipelineEvent? Current { get; set; }
    }
}
