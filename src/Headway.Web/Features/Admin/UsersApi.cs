using System.Text.Json;
using System.Text.Json.Serialization;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Web.Features.Account;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Admin;

/// <summary>
/// User administration (<see cref="ManageUsers"/>, the use case of the administration pages and <c>headway users</c>):
/// find, invite, change, disable and enable users, and send one a link to set a new password. Administrators only; a
/// partner's administrator sees and changes only the partner's users, and any other user is 404.
/// </summary>
public static class UsersApi
{
    /// <summary>
    /// A user as administrators see them; <c>partner</c> is null for the programme centre. <c>regions</c> and
    /// <c>countries</c> limit what the user reads; both empty: every region. <c>statusWorkloads</c>: the workloads whose status
    /// notes an engineer or architect writes on the tenants of their account team.
    /// </summary>
    public sealed record UserDto(string Id, string Email, string? DisplayName,
        [property: JsonConverter(typeof(JsonStringEnumConverter<Role>))] Role Role, long? PartnerId, string? Partner,
        [property: JsonConverter(typeof(JsonStringEnumConverter<UserState>))] UserState State, bool LockedOut, DateTimeOffset? LastSignInAt, string? Language,
        IReadOnlyList<string> Regions, IReadOnlyList<string> Countries, IReadOnlyList<string> StatusWorkloads)
    {
        public static UserDto From(ManageUsers.UserRow r) =>
            new(r.Id, r.Email, r.DisplayName, r.Role, r.PartnerId, r.Partner, r.State, r.LockedOut, r.LastSignInAt, r.Language, r.Regions, r.Countries,
                r.StatusWorkloads);
    }

    public sealed record UserPageDto(IReadOnlyList<UserDto> Items, int Page, int PageSize, int Total, string? Next);

    /// <summary>
    /// Whom to invite: <c>partnerId</c> null or left out for the programme centre (a partner's administrator: their partner);
    /// <c>regions</c> (Americas, EMEA, Greater China, Japan, APAC) and <c>countries</c> (ISO codes) limit what they read.
    /// </summary>
    public sealed record InvitationBody(string? Email, string? DisplayName, string? Role, long? PartnerId, string? Language,
        IReadOnlyList<string>? Regions = null, IReadOnlyList<string>? Countries = null);

    /// <summary>
    /// What was sent: <c>mailed</c> true when the mail server took the link; otherwise <c>link</c> is the one-time link to
    /// hand over (shown once, never stored), and <c>mailFailed</c> says the portal has a mail server that refused it.
    /// <c>invitation</c> tells whether it sets the first password.
    /// </summary>
    public sealed record PasswordLinkDto(UserDto User, bool Mailed, string? Link, bool Invitation, DateTimeOffset ExpiresAt, bool MailFailed);

    /// <summary>
    /// The fields to change; a field left out stays as it is. <c>partnerId</c>: null moves the user to the programme centre.
    /// <c>regions</c> and <c>countries</c> replace the user's geography; two empty lists let the user see every region.
    /// <c>statusWorkloads</c> replaces the workloads whose status notes an engineer or architect writes on their account team's
    /// tenants (other roles: StatusWritersAreExperts); an empty list: none.
    /// </summary>
    public sealed record UserChangeBody(string? Role, long? PartnerId, bool? Disabled, string? DisplayName,
        IReadOnlyList<string>? Regions = null, IReadOnlyList<string>? Countries = null, IReadOnlyList<string>? StatusWorkloads = null);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/users").WithTags("Users");
        api.MapGet("/", ListAsync)
            .WithName("ListUsers")
            .WithSummary("Users in the caller's scope, by email, paged; q matches part of the email or name, role, partnerId and state " +
                "(Active, Invited, Disabled) narrow the list. Administrators only.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithChoices("role", Enum.GetNames<Role>())
            .WithChoices("state", Enum.GetNames<UserState>())
            .WithNextLinks()
            .RejectUnknownQuery();
        api.MapGet("/{id}", GetAsync)
            .WithName("GetUser")
            .WithSummary("One user, with the partner, the state and the last sign-in. 404 for a user outside the caller's scope.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RejectUnknownQuery();
        api.MapPost("/", InviteAsync)
            .WithName("InviteUser")
            .WithSummary("Invites a user: the account is created without a password and a link to set one is mailed, valid once and for " +
                "Security:InvitationLinkLifetime (7 days); with no mail server the answer carries the link. 201 with the user's Location.")
            .Accepts<InvitationBody>("application/json")
            .Produces<PasswordLinkDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPatch("/{id}", UpdateAsync)
            .WithName("UpdateUser")
            .WithSummary("Changes a user's role, partner (programme-wide administrators), name, regions and countries, or disables and enables them. " +
                "A new role, partner, geography or state ends the user's sessions. Administrators cannot change their own role, partner or state (OwnAccount).")
            .Accepts<UserChangeBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/password-link", SendPasswordLinkAsync)
            .WithName("SendPasswordLink")
            .WithSummary("Mails the user a link to set a new password (an invited user: the invitation again); with no mail server the answer " +
                "carries the link. The password stays until the link is followed. 400 UserDisabled for a disabled user.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The absolute link of a password link for the administrator to hand over; null when it was mailed.</summary>
    public static string? LinkOf(HttpRequest request, ManageUsers.PasswordLink link) =>
        link.Token is null
            ? null
            : $"{request.Scheme}://{request.Host}{request.PathBase}/" + AccountMessages.SetPasswordPath(link.User.Email, link.Token, link.IsInvitation);

    private static async Task<Results<Ok<UserPageDto>, ProblemHttpResult>> ListAsync(
        string? q, string? role, long? partnerId, string? state, int? page, int? pageSize, string? cursor, HttpContext http, ManageUsers manage,
        CancellationToken ct)
    {
        Role? parsedRole = null;
        if (!string.IsNullOrEmpty(role))
        {
            if (!Enum.TryParse<Role>(role, ignoreCase: true, out var r) || !Enum.IsDefined(r) || !role.All(char.IsLetter))
            {
                return Problems.From(Refusal.ForField("role", RefusalCodes.UnknownRole, role, string.Join(", ", Enum.GetNames<Role>())));
            }

            parsedRole = r;
        }

        UserState? parsedState = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<UserState>(state, ignoreCase: true, out var s) || !Enum.IsDefined(s) || !state.All(char.IsLetter))
            {
                return Problems.From(Refusal.ForField("state", RefusalCodes.UnknownFilterValue, "state", state, string.Join(", ", Enum.GetNames<UserState>())));
            }

            parsedState = s;
        }

        var at = PageLinks.Read(cursor, page);
        var result = await manage.FindAsync(new ManageUsers.Query(q, parsedRole, partnerId, parsedState, at.Page, pageSize, at.After), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var p = result.Value;
        return TypedResults.Ok(new UserPageDto(p.Items.Select(UserDto.From).ToList(), p.PageNumber, p.PageSize, p.Total, PageLinks.Next(http, p.Next)));
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetAsync(string id, ManageUsers manage, CancellationToken ct)
    {
        var result = await manage.GetAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(UserDto.From(result.Value)) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Created<PasswordLinkDto>, ProblemHttpResult>> InviteAsync(HttpRequest request, ManageUsers manage, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<InvitationBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await manage.InviteAsync(new ManageUsers.Invitation(body!.Email, body.DisplayName, body.Role, body.PartnerId,
            body.Language ?? System.Globalization.CultureInfo.CurrentUICulture.Name, body.Regions, body.Countries), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/users/{result.Value.User.Id}", Dto(request, result.Value))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request, ManageUsers manage, CancellationToken ct)
    {
        var (document, bodyRefusal) = await ApiBodies.ReadAsync<JsonDocument>(request, ct);
        if (bodyRefusal is not null)
        {
            return Problems.From(bodyRefusal);
        }

        using (document)
        {
            var (body, refusal) = ApiBodies.Convert<UserChangeBody>(document!.RootElement);
            if (refusal is not null)
            {
                return Problems.From(refusal);
            }

            // A partner named, even as null (the programme centre), is a change; one left out is not.
            var partnerNamed = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.EnumerateObject().Any(p => string.Equals(p.Name, "partnerId", StringComparison.OrdinalIgnoreCase));
            var result = await manage.UpdateAsync(id, new ManageUsers.Change(body!.Role, partnerNamed, body.PartnerId, body.Disabled, body.DisplayName,
                body.Regions, body.Countries, body.StatusWorkloads), ct);
            return result.Succeeded ? TypedResults.Ok(UserDto.From(result.Value)) : Problems.From(result.Refusal);
        }
    }

    private static async Task<Results<Ok<PasswordLinkDto>, ProblemHttpResult>> SendPasswordLinkAsync(
        string id, HttpRequest request, ManageUsers manage, CancellationToken ct)
    {
        var result = await manage.SendPasswordLinkAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(Dto(request, result.Value)) : Problems.From(result.Refusal);
    }

    private static PasswordLinkDto Dto(HttpRequest request, ManageUsers.PasswordLink link) =>
        new(UserDto.From(link.User), link.Mailed, LinkOf(request, link), link.IsInvitation, link.ExpiresAt, link.MailFailed);
}
