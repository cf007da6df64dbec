using System.Globalization;
using Headway.Application.Notes;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Headway.NoteCoach;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Notes;

/// <summary>
/// Corrects an overall note (its author only, see docs/permissions.md), with the coach's advice on the note as it stands.
/// A note someone changed meanwhile shows both versions; saving again is then a deliberate overwrite.
/// </summary>
public sealed class EditModel(EditOverallNote.Handler handler) : PageModel
{
    /// <summary>The note as stored now (after a conflict: the other version).</summary>
    public OverallNote Note { get; private set; } = null!;

    public Tenant Tenant { get; private set; } = null!;

    /// <summary>The kinds of note the caller may write on this tenant.</summary>
    public IReadOnlyList<OverallNoteType> Types { get; private set; } = [];

    /// <summary>The coach's advice on the note as stored, in the reader's language.</summary>
    public IReadOnlyList<string> Advice { get; private set; } = [];

    /// <summary>Set when the save met a newer version: what the user submitted.</summary>
    public NoteForm? Conflict { get; private set; }

    [BindProperty]
    public NoteForm Form { get; set; } = new();

    private int _version;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        Form = NoteForm.From(Note, _version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        var (date, dateRefusal) = Form.ParseDate();
        if (dateRefusal is not null)
        {
            this.AddToForm(dateRefusal);
            return Page();
        }

        var result = await handler.HandleAsync(new EditOverallNote.Request(id, Form.Version, Form.Type ?? "", Form.Text ?? "", Form.NextAction, date,
            Form.NextActionOwner), ct);
        if (result.Succeeded)
        {
            return Redirect($"/tenants/{Tenant.Id}?edited={id}#note-{id}");
        }

        if (Problems.StatusOf(result.Refusal.Code) == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }

        if (result.Refusal.Code == RefusalCodes.NoteVersionMismatch)
        {
            // Show both; the form now carries the current version, so saving again replaces theirs knowingly.
            Conflict = Form;
            Form = Form with { Version = _version };
        }

        this.AddToForm(result.Refusal);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var form = await handler.FormAsync(id, ct);
        if (!form.Succeeded)
        {
            return Problems.StatusOf(form.Refusal.Code) == StatusCodes.Status403Forbidden ? Forbid() : NotFound();
        }

        (Note, Tenant, _version, Types) = (form.Value.Note, form.Value.Tenant, form.Value.Version, form.Value.Types);
        var ui = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
        Advice = form.Value.Advice.Select(f => Coach.Default.RenderMessage(f, ui)).ToArray();
        return null;
    }
}
