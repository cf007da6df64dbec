using System.Globalization;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Tenants;
using Headway.NoteCoach;

namespace Headway.Application.Notes;

/// <summary>
/// The fields of an overall note as a writer gives them, checked once for adding and for correcting a note: its kind, a
/// text that is there, not too long and free of forbidden characters, and a next action of sensible length. Also the
/// coach's advice on a note's text, which is advice and never stops a save.
/// </summary>
public static class OverallNoteFields
{
    public const int MaxText = 8000;

    /// <summary>The kind a writer named, or the refusal listing the kinds there are.</summary>
    public static (OverallNoteType Type, Refusal? Refusal) ParseType(string? type) =>
        Enum.TryParse<OverallNoteType>(type, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && type!.All(char.IsLetter)
            ? (parsed, null)
            : (default, Refusal.ForField("type", RefusalCodes.UnknownNoteType, type ?? "", string.Join(", ", Enum.GetNames<OverallNoteType>())));

    /// <summary>The refusal of the first field that may not be stored as given; the text is checked trimmed.</summary>
    public static Refusal? Check(string text, string? nextAction, string? nextActionOwner, DateOnly? nextActionDate)
    {
        if (DateRules.Check(("nextActionDate", nextActionDate)) is { } outOfRange)
        {
            return outOfRange;
        }

        if (text.Length == 0)
        {
            return Refusal.ForField("text", RefusalCodes.TextRequired);
        }

        if (TextRules.Check(("text", text), ("nextAction", nextAction), ("nextActionOwner", nextActionOwner)) is { } forbidden)
        {
            return forbidden;
        }

        if (text.Length > MaxText)
        {
            return Refusal.ForField("text", RefusalCodes.NoteTooLong, text.Length.ToString(CultureInfo.InvariantCulture), MaxText.ToString(CultureInfo.InvariantCulture));
        }

        return nextAction is { Length: > FieldLimits.Text } || nextActionOwner is { Length: > FieldLimits.Name }
            ? Refusal.ForField("nextAction", RefusalCodes.FieldTooLong, "nextAction", FieldLimits.Text.ToString(CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>An optional field as stored: trimmed, and null when blank.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// What the coach advises on an overall note's text: the playbook's rule for overall notes, no #covid on a note about
    /// pausing or stopping (SPEC §4.1). The status-note grading does not apply to a timeline entry.
    /// </summary>
    public static IReadOnlyList<Finding> Advice(string text) =>
        Coach.Default.Analyze(new NoteInput(text)).Findings.Where(f => f.Code == "CovidTagOnPause").ToList();
}
