using System.CommandLine;

namespace OrleansStreams.Cli;

/// <summary>Range checks on numeric options, so a bad value is a parse error (exit code 2) before anything connects.</summary>
internal static class OptionRules
{
    public static Option<int> InRange(Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError($"{option.Name} must be between {min} and {max}, not {value}.");
            }
        });
        return option;
    }

    public static Option<int> Positive(Option<int> option) => InRange(option, 1, int.MaxValue);

    public static Option<long?> Positive(Option<long?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is < 1 and var value)
            {
                result.AddError($"{option.Name} must be at least 1, not {value}.");
            }
        });
        return option;
    }
}
