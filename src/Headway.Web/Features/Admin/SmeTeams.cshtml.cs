using System.Globalization;
using Headway.Application;
using Headway.Application.Users;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Admin;

/// <summary>SME teams: add, change and remove them (the same use case as /api/v1/sme-teams).</summary>
public sealed class SmeTeamsModel(ManageSmeTeams manage, ManageUsers users, ICallerSource caller) : PageModel
{
    public sealed class TeamForm
    {
        public string? Name { get; set; }
        public long? Partner { get; set; }
        public List<string> Workloads { get; set; } = [];
        public List<string> Members { get; set; } = [];
    }

    [BindProperty]
    public TeamForm Form { get; set; } = new();

    public IReadOnlyList<ManageSmeTeams.Row> Teams { get; private set; } = [];

    /// <summary>The engineers and architects who may join a team in the caller's scope.</summary>
    public IReadOnlyList<ManageUsers.UserRow> Experts { get; private set; } = [];

    public IReadOnlyList<Partner> Partners { get; private set; } = [];

    public bool ProgrammeWide => caller.Current.IsProgrammeWide;

    /// <summary>The team a refused change was for, and why: shown in its box.</summary>
    public (long Id, string Message)? ChangeError { get; private set; }

    /// <summary>What was just done, for the notice: the team's name after "saved" or "removed".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Saved { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Removed { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await manage.AddAsync(new ManageSmeTeams.Input(Form.Name, Form.Workloads, Form.Members, ProgrammeWide ? Form.Partner : null), ct);
        if (result.Succeeded)
        {
            return Redirect("/admin/teams?saved=" + Uri.EscapeDataString(result.Value.Name) + "#team-" + result.Value.Id);
        }

        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return this.Apply(result.Refusal);
    }

    public async Task<IActionResult> OnPostChangeAsync(long id, string? name, [FromForm(Name = "workload")] List<string> workloads,
        [FromForm(Name = "member")] List<string> members, CancellationToken ct)
    {
        var result = await manage.ChangeAsync(id, new ManageSmeTeams.Input(name ?? "", workloads, members), ct);
        if (result.Succeeded)
        {
            return Redirect("/admin/teams?saved=" + Uri.EscapeDataString(result.Value.Name) + "#team-" + result.Value.Id);
        }

        return await RefusedAsync(id, result.Refusal, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken ct)
    {
        var result = await manage.RemoveAsync(id, ct);
        return result.Succeeded
            ? Redirect("/admin/teams?removed=" + Uri.EscapeDataString(result.Value.Name))
            : await RefusedAsync(id, result.Refusal, ct);
    }

    private async Task<IActionResult> RefusedAsync(long id, Domain.Results.Refusal refusal, CancellationToken ct)
    {
        if (this.Forbidden(refusal) is { } forbidden)
        {
            return forbidden;
        }

        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (Problems.StatusOf(refusal.Code) == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        ChangeError = (id, refusal.Message(CultureInfo.CurrentUICulture.Name));
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var result = await manage.ListAsync(ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Teams = result.Value;
        var experts = new List<ManageUsers.UserRow>();
        foreach (var role in (Role[])[Role.Engineer, Role.Architect])
        {
            var found = await users.FindAsync(new ManageUsers.Query(Role: role, PageSize: Paging.MaxPageSize), ct);
            experts.AddRange(found.Succeeded ? found.Value.Items.Where(u => u.State != UserState.Disabled) : []);
        }

        Experts = [.. experts.OrderBy(u => u.Partner).ThenBy(u => u.DisplayName ?? u.Email)];
        var partners = await users.PartnersAsync(ct);
        Partners = partners.Succeeded ? partners.Value : [];
        return null;
    }
}
