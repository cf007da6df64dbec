using System.Globalization;
using Headway.Domain.Results;
using Headway.Domain.Tenants;

namespace Headway.Web.Features.Notes;

/// <summary>
/// An overall note as a form posts it, for adding one on the tenant page and for correcting one: the date arrives as
/// yyyy-MM-dd text and is parsed here, so a date that is none is refused with a message rather than dropped.
/// </summary>
public sealed record NoteForm
{
    public string? Type { get; set; }
    public string? Text { get; set; }
    public string? NextAction { get; set; }
    public string? NextActionDate { get; set; }
    public string? NextActionOwner { get; set; }

    /// <summary>The version of the note the form was filled from (a correction names it; a new note has none).</summary>
    public int Version { get; set; }

    public static NoteForm From(OverallNote note, int version) => new()
    {
        Type = note.Type.ToString(),
        Text = note.Text,
        NextAction = note.NextAction,
        NextActionDate = note.NextActionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        NextActionOwner = note.NextActionOwner,
        Version = version,
    };

    /// <summary>The next action's date, none when the field was left empty, or the refusal of text that is no date.</summary>
    public (DateOnly? Date, Refusal? Refusal) ParseDate()
    {
        if (string.IsNullOrWhiteSpace(NextActionDate))
        {
            return (null, null);
        }

        return DateOnly.TryParseExact(NextActionDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (date, null)
            : (null, Refusal.ForField("nextActionDate", RefusalCodes.InvalidDate, NextActionDate));
    }
}
