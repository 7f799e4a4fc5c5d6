using System.Globalization;

namespace OrleansStreams.Processing;

/// <summary>
/// An aggregate input read as a number: an exact 64-bit integer when the text is one, else a finite double.
/// Formatting is invariant; integers print without a fraction, doubles as the shortest round-trip text.
/// </summary>
internal readonly record struct Number(bool IsInteger, long Integer, double Real)
{
    public double AsDouble => IsInteger ? Integer : Real;

    public static bool TryParse(string? text, out Number number)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            number = new Number(true, integer, 0);
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            number = new Number(false, 0, real);
            return true;
        }
        number = default;
        return false;
    }

    /// <summary>The exact integer sum while it fits in a long, else the double sum.</summary>
    public Number Plus(Number other)
    {
        if (IsInteger && other.IsInteger)
        {
            var sum = unchecked(Integer + other.Integer);
            // Overflow when both operands have the same sign and the sum's sign differs.
            if (((Integer ^ sum) & (other.Integer ^ sum)) >= 0)
            {
                return new Number(true, sum, 0);
            }
        }
        return new Number(false, 0, AsDouble + other.AsDouble);
    }

    public int CompareTo(Number other) => IsInteger && other.IsInteger ? Integer.CompareTo(other.Integer) : AsDouble.CompareTo(other.AsDouble);

    public string Format() => IsInteger ? Integer.ToString(CultureInfo.InvariantCulture) : Real.ToString("R", CultureInfo.InvariantCulture);

    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(IsInteger);
        if (IsInteger)
        {
            writer.Write(Integer);
        }
        else
        {
            writer.Write(Real);
        }
    }

    public static Number ReadFrom(BinaryReader reader) => reader.ReadBoolean() ? new Number(true, reader.ReadInt64(), 0) : new Number(false, 0, reader.ReadDouble());

    public static readonly Number Zero = new(true, 0, 0);
}
