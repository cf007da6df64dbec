using Headway.NoteCoach;

namespace Headway.Application.Entitlements;

/// <summary>
/// The note coach's grade, stored with every saved status note so reports can count it. Advice only:
/// a grade never stops a save.
/// </summary>
public static class NoteGrading
{
    public static string? Grade(string? note, string? l1, string? l2) =>
        string.IsNullOrWhiteSpace(note) ? null : Coach.Default.Analyze(new NoteInput(note, l1, l2)).Grade.ToString();
}
