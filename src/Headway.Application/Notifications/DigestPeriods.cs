using System.Globalization;

namespace Headway.Application.Notifications;

/// <summary>
/// Which digest is due at a moment: a daily digest once a day (<c>D2026-12-03</c>), a weekly one on Mondays for the
/// ISO week (<c>W2026-49</c>), each from the send hour (UTC) on. The key is what makes a digest unique per user.
/// </summary>
public static class DigestPeriods
{
    /// <summary>The period whose digest is due at <paramref name="now"/>, or null when none is.</summary>
    public static string? Due(DigestFrequency frequency, DateTimeOffset now, int hourUtc)
    {
        var utc = now.UtcDateTime;
        if (utc.Hour < hourUtc)
        {
            return null;
        }

        return frequency switch
        {
            DigestFrequency.Daily => Day(DateOnly.FromDateTime(utc)),
            DigestFrequency.Weekly when utc.DayOfWeek == DayOfWeek.Monday => Week(DateOnly.FromDateTime(utc)),
            _ => null,
        };
    }

    /// <summary>The key of a day: <c>D2026-12-03</c>.</summary>
    public static string Day(DateOnly day) => "D" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The key of the ISO week a day falls in: <c>W2026-49</c> (the ISO year, which differs around New Year).</summary>
    public static string Week(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"W{ISOWeek.GetYear(date):D4}-{ISOWeek.GetWeekOfYear(date):D2}");
    }
}
