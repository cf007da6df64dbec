using Headway.Application;
using Headway.Application.Users;
using Headway.Domain.Tenants;
using Headway.Web.Features.Shared;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Admin;

/// <summary>The users in the administrator's scope, found by name or email, role, partner and state, paged (the same use case as GET /api/v1/users).</summary>
public sealed class UsersModel(ManageUsers manage) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Role? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Partner { get; set; }

    [BindProperty(SupportsGet = true)]
    public UserState? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<ManageUsers.UserRow> Found { get; private set; } = null!;

    public IReadOnlyList<Partner> Partners { get; private set; } = [];

    public Pager Pager => new(Found.PageNumber, Found.PageCount, Link);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A value that is not one of the choices (a hand-edited address) lists as if it were not given.
        ModelState.Clear();
        var result = await manage.FindAsync(new ManageUsers.Query(Q, Role, Partner, State, PageNumber), ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Found = result.Value;
        Partners = (await manage.PartnersAsync(ct)).Value ?? [];
        return Page();
    }

    private string Link(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["role"] = Role?.ToString(),
        ["partner"] = Partner?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["state"] = State?.ToString(),
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).Value is { } query ? "/admin/users" + query : "/admin/users";
}
