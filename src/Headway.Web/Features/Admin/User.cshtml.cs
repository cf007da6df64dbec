using Headway.Application;
using Headway.Application.Users;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Admin;

/// <summary>
/// One user: their role, partner and name changed, disabled or enabled, and a link to set a new password sent (the same
/// use case as GET/PATCH /api/v1/users/{id} and POST …/password-link).
/// </summary>
public sealed class UserModel(ManageUsers manage, ICallerSource caller) : PageModel
{
    public sealed class UserForm
    {
        public string? Role { get; set; }
        public long? Partner { get; set; }
        public string? DisplayName { get; set; }

        /// <summary>The regions ticked; with <see cref="Countries"/> both empty the user sees every region.</summary>
        public List<string> Regions { get; set; } = [];

        public List<string> Countries { get; set; } = [];

        /// <summary>The workloads whose status notes the engineer or architect writes on their account team's tenants.</summary>
        public List<string> StatusWorkloads { get; set; } = [];
    }

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public UserForm Form { get; set; } = new();

    public ManageUsers.UserRow Account { get; private set; } = null!;

    public IReadOnlyList<Partner> Partners { get; private set; } = [];

    public bool ProgrammeWide => caller.Current.IsProgrammeWide;

    /// <summary>The administrator's own account: its role, partner and state are not changed here.</summary>
    public bool IsSelf => string.Equals(Account.Email, caller.Current.UserName, StringComparison.OrdinalIgnoreCase);

    /// <summary>What was just done: "saved", "disabled", "enabled".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public (ManageUsers.PasswordLink Sent, string? Link)? Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        Form = FormOf(Account);
        return Page();
    }

    private static UserForm FormOf(ManageUsers.UserRow account) => new()
    {
        Role = account.Role.ToString(),
        Partner = account.PartnerId,
        DisplayName = account.DisplayName,
        Regions = [.. account.Regions],
        Countries = [.. account.Countries],
        StatusWorkloads = [.. account.StatusWorkloads],
    };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.GetFieldValidationState("Form.Partner") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            return await LoadAsync(ct) ?? PartnerNotRead()!;
        }

        // Only engineers and architects write status notes for workloads; a user given another role loses the ticks.
        var writes = Form.Role is nameof(Role.Engineer) or nameof(Role.Architect) ? Form.StatusWorkloads : null;
        var change = new ManageUsers.Change(Form.Role, ProgrammeWide, Form.Partner, null, Form.DisplayName ?? "", Form.Regions, Form.Countries, writes);
        return await ChangeAsync(change, "saved", ct);
    }

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) => ChangeAsync(new ManageUsers.Change(Disabled: true), "disabled", ct);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) => ChangeAsync(new ManageUsers.Change(Disabled: false), "enabled", ct);

    public async Task<IActionResult> OnPostPasswordLinkAsync(CancellationToken ct)
    {
        var result = await manage.SendPasswordLinkAsync(Id, ct);
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        Form = FormOf(Account);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return this.Apply(result.Refusal);
        }

        Sent = (result.Value, UsersApi.LinkOf(Request, result.Value));
        return Page();
    }

    private async Task<IActionResult> ChangeAsync(ManageUsers.Change change, string done, CancellationToken ct)
    {
        var result = await manage.UpdateAsync(Id, change, ct);
        if (result.Succeeded)
        {
            return Redirect($"/admin/users/{Uri.EscapeDataString(Id)}?done={done}");
        }

        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return this.Apply(result.Refusal);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var found = await manage.GetAsync(Id, ct);
        if (!found.Succeeded)
        {
            return this.NotShown(found.Refusal);
        }

        Account = found.Value;
        Partners = ((await manage.PartnersAsync(ct)).Value ?? []).Where(p => p.DeactivatedAt is null || p.Id == Account.PartnerId).ToList();
        return null;
    }

    /// <summary>A partner field that does not read as an id is refused, never taken as "the programme centre".</summary>
    private IActionResult? PartnerNotRead()
    {
        if (ModelState.GetFieldValidationState("Form.Partner") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            return null;
        }

        var attempted = ModelState["Form.Partner"]?.AttemptedValue ?? "";
        ModelState.Remove("Form.Partner");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return this.Apply(Headway.Domain.Results.Refusal.ForField("partner", Headway.Domain.Results.RefusalCodes.UnknownPartner, attempted));
    }
}
