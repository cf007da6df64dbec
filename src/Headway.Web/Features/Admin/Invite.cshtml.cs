using System.Globalization;
using Headway.Application.Users;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Admin;

/// <summary>
/// Invites a user (the same use case as POST /api/v1/users): the invitation is mailed, or — with no mail server — the
/// one-time link is shown here, once.
/// </summary>
public sealed class InviteModel(ManageUsers manage, ResetPassword.Settings links, Application.ICallerSource caller) : PageModel
{
    public sealed class InviteForm
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Role { get; set; } = nameof(Application.Users.Role.Manager);
        public long? Partner { get; set; }
        public string? Language { get; set; }

        /// <summary>The regions ticked; with <see cref="Countries"/> both empty the user sees every region.</summary>
        public List<string> Regions { get; set; } = [];

        public List<string> Countries { get; set; } = [];
    }

    [BindProperty]
    public InviteForm Form { get; set; } = new();

    public IReadOnlyList<Partner> Partners { get; private set; } = [];

    /// <summary>Whether the caller may make programme-centre users (and choose among partners).</summary>
    public bool ProgrammeWide { get; private set; }

    public int LinkDays => (int)Math.Ceiling(links.InvitationLifetime.TotalDays);

    /// <summary>The invitation just sent, and the link to hand over when it was not mailed.</summary>
    public (ManageUsers.PasswordLink Sent, string? Link)? Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form.Language = CultureInfo.CurrentUICulture.Name;
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (PartnerNotRead() is { } unread)
        {
            return unread;
        }

        var result = await manage.InviteAsync(new ManageUsers.Invitation(Form.Email, Form.DisplayName, Form.Role,
            ProgrammeWide ? Form.Partner : null, Form.Language, Form.Regions, Form.Countries), ct);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return this.Apply(result.Refusal);
        }

        Sent = (result.Value, UsersApi.LinkOf(Request, result.Value));
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var partners = await manage.PartnersAsync(ct);
        if (!partners.Succeeded)
        {
            return this.NotShown(partners.Refusal);
        }

        Partners = partners.Value.Where(p => p.DeactivatedAt is null).ToList();
        ProgrammeWide = caller.Current.IsProgrammeWide;
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
