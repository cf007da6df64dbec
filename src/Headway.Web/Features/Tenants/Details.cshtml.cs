using System.Globalization;
using Headway.Application;
using Headway.Application.Notes;
using Headway.Application.Summaries;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Headway.NoteCoach;
using Headway.Web.Features.Notes;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Tenants;

public sealed class DetailsModel(GetTenant.Handler handler, ListOverallNotes.Handler timeline, AddOverallNote.Handler addNote,
    ListSummaries.Handler summaries, Application.Entitlements.AddEntitlement.Handler addEntitlements, ChangeAccountTeam.Handler changeTeam,
    ManageUsers manage, WorkloadCatalogue workloads, Caller caller) : PageModel
{
    /// <summary>How many overall notes a page of the timeline shows; older ones are on the next pages.</summary>
    public const int NotesPerPage = 20;

    public Tenant Tenant { get; private set; } = null!;

    public IReadOnlyList<Entitlement> Entitlements { get; private set; } = [];

    /// <summary>One page of the timeline, newest first.</summary>
    public Page<ListOverallNotes.Row> Notes { get; private set; } = new([], 1, NotesPerPage, 0);

    /// <summary>The note types the caller may write on this tenant (empty: no form).</summary>
    public IReadOnlyList<OverallNoteType> WritableTypes { get; private set; } = [];

    /// <summary>The coach's advice on the note just added or corrected, in the user's language.</summary>
    public IReadOnlyList<string> Advice { get; private set; } = [];

    /// <summary>The note just added or corrected (named by the redirect after the post), when it is on this page.</summary>
    public OverallNote? Noted { get; private set; }

    public string? NoteError { get; private set; }

    [BindProperty]
    public NoteForm Note { get; set; } = new();

    /// <summary>When set, the grid shows the statuses as they stood at the end of this day.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    /// <summary>The page of the timeline shown (1: the newest notes).</summary>
    [BindProperty(SupportsGet = true, Name = "notes")]
    public int NotesPage { get; set; } = 1;

    /// <summary>The tenant's newest executive summary, if any.</summary>
    public Domain.Tenants.ExecutiveSummary? LatestSummary { get; private set; }

    /// <summary>
    /// Whether the status editor is offered (roles that change entitlements or set start dates, and the status-note writers
    /// on the tenant's account team).
    /// </summary>
    public bool MayEdit => Permissions.Allows(caller, Permission.ChangeEntitlement) || Permissions.Allows(caller, Permission.SetEngagementStartDate)
        || Entitlements.Any(e => WritesStatusOf(e.Workload));

    /// <summary>Whether the caller gets the full status editor of this workload: by role, or as its status-note writer on this team.</summary>
    public bool WritesStatusOf(string workload) =>
        Permissions.Allows(caller, Permission.ChangeEntitlement) || Permissions.CheckEntitlement(caller, Permission.ChangeEntitlement, Tenant, workload) is null;

    /// <summary>The tenant's account team, the onboarding manager aside.</summary>
    public IReadOnlyList<GetTenant.TeamMember> Team { get; private set; } = [];

    /// <summary>Whether the caller changes the account team (administrators).</summary>
    public bool MayChangeTeam => Permissions.Allows(caller, Permission.ManageUsers);

    /// <summary>The people an administrator may put on the team: enabled engineers, architects and gateway managers of the tenant's partner.</summary>
    public IReadOnlyList<ManageUsers.UserRow> TeamCandidates { get; private set; } = [];

    /// <summary>Why the account team was not changed.</summary>
    public string? TeamError { get; private set; }

    /// <summary>Whether the caller may write an executive summary of this tenant (its manager).</summary>
    public bool MayWriteSummary => !Tenant.IsDuplicate && Permissions.Check(caller, Permission.ChangeEntitlement, Tenant) is null;

    /// <summary>
    /// Whether the caller changes only engagement start dates (gateway managers): they are offered the start date of the
    /// entitlements whose status allows one, and nothing else of the status editor.
    /// </summary>
    public bool SetsOnlyStartDates => !Permissions.Allows(caller, Permission.ChangeEntitlement) && Permissions.Allows(caller, Permission.SetEngagementStartDate);

    /// <summary>Whether the caller registers entitlements and corrects the tenant's details (gateway managers, administrators).</summary>
    public bool MayRegister => Permissions.Allows(caller, Permission.RegisterEntitlements);

    /// <summary>The workloads the tenant is not entitled to yet, offered by "add entitlements".</summary>
    public IReadOnlyList<Workload> MissingWorkloads => workloads.Offered
        .Where(w => !Entitlements.Any(e => string.Equals(e.Workload, w.Code, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Why the entitlements were not added, shown by the form.</summary>
    public string? AddError { get; private set; }

    /// <summary>Whether several workloads may be changed together.</summary>
    public bool MayBulkEdit => Permissions.Allows(caller, Permission.ChangeEntitlement);

    /// <summary>Puts someone on the account team or takes them off (the same use case as POST /api/v1/tenants/account-team).</summary>
    public async Task<IActionResult> OnPostTeamAsync(long id, [FromForm] string? member, [FromForm] bool remove, CancellationToken ct)
    {
        var result = await changeTeam.HandleAsync(new ChangeAccountTeam.Request([id], member, remove), ct);
        if (result.Succeeded)
        {
            return Redirect($"/tenants/{id}?team={(remove ? "removed" : "added")}#account-team");
        }

        if (this.Forbidden(result.Refusal) is { } forbidden)
        {
            return forbidden;
        }

        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        TeamError = result.Refusal.Message(CultureInfo.CurrentUICulture.Name);
        return Page();
    }

    /// <summary>Whether the caller may correct or delete a note of the timeline (its author; administrators delete).</summary>
    public bool May(OverallNote note, NoteChange change) => AsOf is null && Permissions.CheckNoteChange(caller, note, Tenant, change) is null;

    /// <summary>A page of the timeline, keeping the day the grid shows.</summary>
    public string TimelineLink(int page) =>
        $"/tenants/{Tenant.Id}?notes={page.ToString(CultureInfo.InvariantCulture)}"
        + (AsOf is { } day ? "&asOf=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "") + "#timeline";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (ModelState[nameof(AsOf)] is { Errors.Count: > 0 } unread)
        {
            return this.NotShown(Refusal.ForField("asOf", RefusalCodes.InvalidDate, unread.AttemptedValue ?? ""));
        }

        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        // After adding or correcting a note the redirect names it: its advice is shown here, and a reload adds nothing.
        var named = long.TryParse(Request.Query["noted"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : long.TryParse(Request.Query["edited"], NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : (long?)null;
        if (named is { } noteId && Notes.Items.FirstOrDefault(r => r.Note.Id == noteId) is { } row)
        {
            Noted = row.Note;
            var ui = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);
            Advice = OverallNoteFields.Advice(row.Note.Text).Select(f => Coach.Default.RenderMessage(f, ui)).ToArray();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(long id, CancellationToken ct)
    {
        var (date, dateRefusal) = Note.ParseDate();
        var result = dateRefusal is null
            ? await addNote.HandleAsync(new AddOverallNote.Request(id, Note.Type ?? "", Note.Text ?? "", Note.NextAction, date, Note.NextActionOwner), ct)
            : dateRefusal;
        if (result.Succeeded)
        {
            // Post, redirect, get: the advice is shown by the page the redirect opens, so a reload never adds the note twice.
            return Redirect($"/tenants/{id}?noted={result.Value.Note.Id}#note-{result.Value.Note.Id}");
        }

        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        NoteError = result.Refusal.Message(CultureInfo.CurrentUICulture.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostEntitlementsAsync(long id, [FromForm(Name = "workload")] List<string> workloads, CancellationToken ct)
    {
        var result = await addEntitlements.HandleAsync(new Application.Entitlements.AddEntitlement.Request(id, workloads), ct);
        if (result.Succeeded)
        {
            return Redirect($"/tenants/{id}?added={Uri.EscapeDataString(string.Join(", ", result.Value.Select(e => e.Workload)))}");
        }

        if (this.Forbidden(result.Refusal) is { } forbidden)
        {
            return forbidden;
        }

        if (await LoadAsync(id, ct) is { } failed)
        {
            return failed;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        AddError = result.Refusal.Message(CultureInfo.CurrentUICulture.Name);
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
        Team = result.Value.Team;
        if (MayChangeTeam && AsOf is null)
        {
            var candidates = new List<ManageUsers.UserRow>();
            foreach (var role in (Role[])[Role.Engineer, Role.Architect, Role.Gateway])
            {
                var found = await manage.FindAsync(new ManageUsers.Query(Role: role, PartnerId: Tenant.PartnerId, State: UserState.Active, PageSize: Paging.MaxPageSize), ct);
                candidates.AddRange(found.Succeeded ? found.Value.Items.Where(u => u.PartnerId == Tenant.PartnerId && !Tenant.HasOnTeam(u.Email)) : []);
            }

            TeamCandidates = candidates;
        }
        // As of a day, the timeline ends on that day too, and nothing on the page can be changed.
        var notes = await timeline.HandleAsync(new ListOverallNotes.Request(id, null, NotesPage, NotesPerPage, Through: AsOf), ct);
        if (notes.Succeeded && notes.Value.PageNumber > notes.Value.PageCount)
        {
            // A page past the oldest note (notes were deleted since the link was made): the oldest page.
            notes = await timeline.HandleAsync(new ListOverallNotes.Request(id, null, notes.Value.PageCount, NotesPerPage, Through: AsOf), ct);
        }

        if (notes.Succeeded)
        {
            Notes = notes.Value;
        }

        WritableTypes = AsOf is null ? Enum.GetValues<OverallNoteType>().Where(t => Permissions.CheckNote(caller, t, Tenant) is null).ToArray() : [];
        LatestSummary = await summaries.LatestAsync(id, ct);
        return null;
    }
}
