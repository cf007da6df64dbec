using System.Globalization;
using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Account;

public static class AuthApi
{
    public sealed record TokenRequest(string? Email, string? Password);

    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

    /// <summary>Whose password to reset; <c>language</c> (en, zh-Hans, de, ja) is the mail's when the user chose none.</summary>
    public sealed record PasswordResetRequest(string? Email, string? Language);

    /// <summary>
    /// The address and token of the mailed link (<c>/account/reset?email=…&amp;token=…</c>) and the new password;
    /// <c>invitation</c> true for an invitation's link (<c>…&amp;invitation=1</c>), which sets the first password.
    /// </summary>
    public sealed record PasswordResetConfirmation(string? Email, string? Token, string? NewPassword, bool Invitation = false);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", IssueAsync)
            .WithName("IssueToken")
            .WithSummary("Exchanges an email and password for a bearer token valid for 8 hours. Repeated failures lock the account (429 LockedOut), and many failures from one address pause it (429 SignInPaused); both carry Retry-After. Successful sign-ins are not limited.")
            .WithTags("Auth")
            .Accepts<TokenRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous();
        app.MapPost("/api/v1/auth/password-reset", RequestResetAsync)
            .WithName("RequestPasswordReset")
            .WithSummary("Mails a link that sets a new password to the account with this address, valid once and for Security:PasswordResetLinkLifetime (an hour). Answers 202 whether or not the address has an account; 503 MailNotConfigured when the portal sends no mail. The same as the sign-in page's \"Forgot your password?\".")
            .WithTags("Auth")
            .Accepts<PasswordResetRequest>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous()
            .RequireRateLimiting(Authentication.SignInPolicy);
        app.MapPost("/api/v1/auth/password-reset/confirm", ConfirmResetAsync)
            .WithName("ConfirmPasswordReset")
            .WithSummary("Sets a new password with the token of a mailed link (invitation=true: the first password, with an invitation's token). The link then no longer works, and every session of the old password ends. 400 ResetLinkInvalid for an expired, used or unknown link; PasswordTooShort or PasswordTooCommon for a password the policy refuses.")
            .WithTags("Auth")
            .Accepts<PasswordResetConfirmation>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous()
            .RequireRateLimiting(Authentication.SignInPolicy);
        return app;
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RequestResetAsync(HttpRequest request, ResetPassword.Handler reset, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<PasswordResetRequest>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await reset.RequestAsync(new ResetPassword.Request(body!.Email, body.Language ?? CultureInfo.CurrentUICulture.Name), ct);
        return result.Succeeded ? TypedResults.Accepted((string?)null) : Problems.From(result.Refusal);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ConfirmResetAsync(HttpRequest request, ResetPassword.Handler reset, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<PasswordResetConfirmation>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await reset.ConfirmAsync(new ResetPassword.Confirm(body!.Email, body.Token, body.NewPassword, body.Invitation), ct);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueAsync(
        HttpRequest request, CheckSignIn.Handler check, ApiTokens tokens, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<TokenRequest>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var checkedIn = await check.HandleAsync(new CheckSignIn.Request(body!.Email, body.Password, request.HttpContext.Connection.RemoteIpAddress?.ToString()), ct);
        if (!checkedIn.Succeeded)
        {
            if (CheckSignIn.RetryAfter(checkedIn.Refusal) is { } wait)
            {
                request.HttpContext.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            return Problems.From(checkedIn.Refusal);
        }

        var issued = await tokens.IssueAsync(checkedIn.Value, "sign-in", ApiTokens.SignInLifetime, ct);
        return TypedResults.Ok(new TokenResponse(issued.Token, issued.ExpiresAt));
    }
}
