using System.Globalization;
using Headway.Application;
using Headway.Application.Notes;
using Headway.Application.Summaries;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Headway.NoteCoach;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Tenants;

public sealed class DetailsModel(GetTenant.Handler handler, ListOverallNotes.Handler timeline, AddOverallNote.Handler addNote,
    ListSummaries.Handler summaries, Caller caller) : PageModel
{
    public Tenant Tenant { get; private set; } = null!;

    public IReadOnlyList<Entitlement> Entitlements { get; private set; } = [];

    public IReadOnlyList<ListOverallNotes.Row> Notes { get; private set; } = [];

    /// <summary>The note types the caller may write on this tenant (empty: no form).</summary>
    public IReadOnlyList<OverallNoteType> WritableTypes { get; private set; } = [];

    /// <summary>The coach's advice on the note just added, in the user's language.</summary>
    public IReadOnlyList<string> Advice { get; private set; } = [];

    public string? NoteError { get; private set; }

    [BindProperty]
    public NoteForm Note { get; set; } = new();

    /// <summary>When set, the grid shows the statuses as they stood at the end of this day.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    /// <summary>The tenant's newest executive summary, if any.</summary>
    public Domain.Tenants.ExecutiveSummary? LatestSummary { get; private set; }

    /// <summary>Whether the status editor is offered (roles that change entitlements or set start dates).</summary>
    public bool MayEdit => Permissions.Allows(caller, Permission.ChangeEntitlement) || Permissions.Allows(caller, Permission.SetEngagementStartDate);

    /// <summary>Whether the caller may write an executive summary of this tenant (its manager).</summary>
    public bool MayWriteSummary => !Tenant.IsDuplicate && Permissions.Check(caller, Permission.ChangeEntitlement, Tenant) is null;

    /// <summary>Whether several workloads may be changed together.</summary>
    public bool MayBulkEdit => Permissions.Allows(caller, Permission.ChangeEntitlement);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostNoteAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        DateOnly? date = DateOnly.TryParseExact(Note.NextActionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var result = await addNote.HandleAsync(new AddOverallNote.Request(id, Note.Type ?? "", Note.Text ?? "", Note.NextAction, date, Note.NextActionOwner), ct);
        if (!result.Succeeded)
        {
            NoteError = result.Refusal.Message(CultureInfo.CurrentUICulture.Name);
            return Page();
        }

        if (result.Value.Advice.Count == 0)
        {
            return Redirect($"/tenants/{id}?noted=1#timeline");
        }

        var ui = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
        Advice = result.Value.Advice.Select(f => Coach.Default.RenderMessage(f, ui)).ToArray();
        Note = new NoteForm();
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new GetTenant.Request(id, AsOf), ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Tenant = result.Value.Tenant;
        Entitlements = result.Value.Entitlements;
        Notes = await timeline.NewestAsync(id, 20, ct);
        WritableTypes = Enum.GetValues<OverallNoteType>().Where(t => Permissions.CheckNote(caller, t, Tenant) is null).ToArray();
        LatestSummary = await summaries.LatestAsync(id, ct);
        return null;
    }
}

public sealed record NoteForm
{
    public string? Type { get; set; }
    public string? Text { get; set; }
    public string? NextAction { get; set; }
    public string? NextActionDate { get; set; }
    public string? NextActionOwner { get; set; }
}
