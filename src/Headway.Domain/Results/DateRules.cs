using System.Globalization;

namespace Headway.Domain.Results;

/// <summary>
/// The days Headway accepts anywhere a date is given: wide enough for any real plan or history, narrow enough
/// that a day after, a month before or a twelve-month trend around it can always be computed. A date outside
/// (year 1 or 9999, usually a typing slip) is refused with its field rather than failing later.
/// </summary>
public static class DateRules
{
    /// <summary>The first day accepted.</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>The last day accepted.</summary>
    public static readonly DateOnly Latest = new(2999, 12, 31);

    /// <summary>The first instant of a day, UTC: where a range "from this day" starts.</summary>
    public static DateTimeOffset StartUtc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first instant after a day, UTC: where a range "up to and including this day" ends (exclusive).</summary>
    public static DateTimeOffset EndUtc(DateOnly day) => StartUtc(day.AddDays(1));

    /// <summary>Whether the day lies within <see cref="Earliest"/> and <see cref="Latest"/>.</summary>
    public static bool InRange(DateOnly day) => day >= Earliest && day <= Latest;

    /// <summary>The first of the given dates outside the range, as a refusal about its field; null when all are in.</summary>
    public static Refusal? Check(params (string Field, DateOnly? Day)[] dates)
    {
        foreach (var (field, day) in dates)
        {
            if (day is { } d && !InRange(d))
            {
                return Refusal.ForField(field, RefusalCodes.DateOutOfRange, Iso(d), Iso(Earliest), Iso(Latest));
            }
        }

        return null;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
