using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Account;

public static class ProfileApi
{
    /// <summary>The caller's own settings: <c>language</c> of the portal's mail (en, zh-Hans, de, ja), <c>digest</c> Off, Daily or Weekly.</summary>
    public sealed record ProfileDto(string Email, string? DisplayName, string Role, string Language, string Digest);

    /// <summary>What to change; a property left out (or null) keeps its value.</summary>
    public sealed record ProfileBody
    {
        /// <summary>en, zh-Hans, de or ja.</summary>
        public string? Language { get; init; }

        /// <summary>Off, Daily or Weekly.</summary>
        public string? Digest { get; init; }
    }

    /// <summary>The current password and the new one.</summary>
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/profile/password", ChangePasswordAsync)
            .WithName("ChangePassword")
            .WithSummary("Changes the caller's own password, given the current one. 400 WrongPassword, PasswordTooShort or PasswordTooCommon. The caller's sign-in cookies end within Security:SessionCheckInterval; bearer tokens stay valid until revoked. The same as the profile page.")
            .WithTags("Profile")
            .Accepts<PasswordChange>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(Authentication.SignInPolicy);
        app.MapGet("/api/v1/profile", GetAsync)
            .WithName("GetProfile")
            .WithSummary("The caller's own settings: the language their mail is written in (en, zh-Hans, de, ja; en until they choose one) and how often the email digest comes (Off, Daily, Weekly).")
            .WithTags("Profile")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RejectUnknownQuery();
        app.MapPut("/api/v1/profile", UpdateAsync)
            .WithName("UpdateProfile")
            .WithSummary("Changes the caller's own settings: language (en, zh-Hans, de, ja) and digest (Off, Daily, Weekly); a property left out keeps its value. The same as the profile page.")
            .WithTags("Profile")
            .Accepts<ProfileBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(HttpRequest request, ChangePassword.Handler handler, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<PasswordChange>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new ChangePassword.Request(body!.CurrentPassword, body.NewPassword), ct);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result.Refusal);
    }

    private static ProfileDto Dto(GetProfile.Response p) => new(p.Email, p.DisplayName, p.Role.ToString(), p.Language, p.Digest.ToString());

    private static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> GetAsync(GetProfile.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(ct);
        return result.Succeeded ? TypedResults.Ok(Dto(result.Value)) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> UpdateAsync(HttpRequest request, UpdateProfile.Handler handler, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<ProfileBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await handler.HandleAsync(new UpdateProfile.Request(body!.Language, body.Digest), ct);
        return result.Succeeded ? TypedResults.Ok(Dto(result.Value)) : Problems.From(result.Refusal);
    }
}
