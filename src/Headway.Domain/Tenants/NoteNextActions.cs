using System.Globalization;
using Headway.Domain.Results;

namespace Headway.Domain.Tenants;

/// <summary>
/// What an accepted change of an overall note's next action did: the revision that keeps the note as it was, or none
/// when the change restated what the note already holds.
/// </summary>
/// <param name="Revision">The revision to append, or null.</param>
public sealed record NoteActionChange(OverallNoteRevision? Revision)
{
    /// <summary>The change that changed nothing.</summary>
    public static NoteActionChange Unchanged { get; } = new((OverallNoteRevision?)null);
}

/// <summary>
/// The rules of an overall note's next action after the note was written: it is marked done (who and when) or moved
/// to another day. Either appends an <see cref="OverallNoteRevision"/> holding the note as it was, so nothing written on
/// a timeline changes without trace.
/// </summary>
public static class NoteNextActions
{
    /// <summary>Marks the note's next action done.</summary>
    /// <param name="note">The note (tracked).</param>
    /// <param name="actor">Who marks it done.</param>
    /// <param name="now">When.</param>
    public static Result<NoteActionChange> MarkDone(OverallNote note, string actor, DateTimeOffset now)
    {
        if (Open(note) is { } refusal)
        {
            return refusal;
        }

        var revision = RevisionOf(note, NoteRevisionKind.NextActionDone, actor, now);
        note.NextActionDoneAt = now;
        note.NextActionDoneBy = actor;
        return Result<NoteActionChange>.Ok(new NoteActionChange(revision));
    }

    /// <summary>Moves the note's open next action to another day, today or later.</summary>
    /// <param name="note">The note (tracked).</param>
    /// <param name="date">The new due date.</param>
    /// <param name="actor">Who moves it.</param>
    /// <param name="now">When; its UTC date is "today".</param>
    public static Result<NoteActionChange> Move(OverallNote note, DateOnly date, string actor, DateTimeOffset now)
    {
        if (Open(note) is { } refusal)
        {
            return refusal;
        }

        if (DateRules.Check(("date", date)) is { } outOfRange)
        {
            return outOfRange;
        }

        if (date < DateOnly.FromDateTime(now.UtcDateTime))
        {
            return Refusal.ForField("date", RefusalCodes.NextActionDateInPast, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (note.NextActionDate == date)
        {
            return Result<NoteActionChange>.Ok(NoteActionChange.Unchanged);
        }

        var revision = RevisionOf(note, NoteRevisionKind.NextActionMoved, actor, now);
        note.NextActionDate = date;
        return Result<NoteActionChange>.Ok(new NoteActionChange(revision));
    }

    /// <summary>Whether the note has a next action still to do; a deleted note has none.</summary>
    public static bool HasOpenAction(OverallNote note) =>
        note.DeletedAt is null && note.NextActionDoneAt is null && (note.NextAction is not null || note.NextActionDate is not null);

    private static Refusal? Open(OverallNote note) =>
        note.DeletedAt is not null ? Refusal.Of(RefusalCodes.NoteNotFound, note.Id.ToString(CultureInfo.InvariantCulture))
        : HasOpenAction(note) ? null
        : Refusal.Of(RefusalCodes.NoNextAction);

    /// <summary>The note as it is now, as a revision of the given kind.</summary>
    private static OverallNoteRevision RevisionOf(OverallNote note, NoteRevisionKind kind, string actor, DateTimeOffset now) => new()
    {
        NoteId = note.Id,
        TenantId = note.TenantId,
        PartnerId = note.PartnerId,
        Kind = kind,
        ChangedBy = actor,
        ChangedAt = now,
        Type = note.Type,
        Text = note.Text,
        NextAction = note.NextAction,
        NextActionDate = note.NextActionDate,
        NextActionOwner = note.NextActionOwner,
    };
}
