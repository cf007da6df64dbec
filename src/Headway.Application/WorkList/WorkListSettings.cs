using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Headway.Application.WorkList;

/// <summary>The work list's settings, from the configuration section <c>WorkList</c>.</summary>
public sealed record WorkListSettings
{
    public const string Section = "WorkList";

    /// <summary>The longest sensible "not updated for N days": ten years.</summary>
    public const int MaxStaleDays = 3650;

    /// <summary>An entitlement not changed for this many days is listed as not updated.</summary>
    public int StaleDays { get; init; } = 30;

    public static WorkListSettings Default { get; } = new();

    /// <summary>The settings configuration holds, checked, so that a typo stops the start-up instead of every work list.</summary>
    public static WorkListSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var raw = section[nameof(StaleDays)];
        if (raw is null)
        {
            return Default;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) || days is < 1 or > MaxStaleDays)
        {
            throw new InvalidOperationException(
                $"The setting '{Section}:{nameof(StaleDays)}' must be a whole number of days from 1 to {MaxStaleDays}; it is '{raw}'.");
        }

        return new WorkListSettings { StaleDays = days };
    }
}
