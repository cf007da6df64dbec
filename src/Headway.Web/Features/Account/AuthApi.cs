using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Headway.Web.Features.Account;

public static class AuthApi
{
    public sealed record TokenRequest(string? Email, string? Password);

    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", IssueAsync)
            .WithName("IssueToken")
            .WithSummary("Exchanges an email and password for a bearer token valid for 8 hours. Repeated failures lock the account; attempts are rate-limited.")
            .WithTags("Auth")
            .Accepts<TokenRequest>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous()
            .RequireRateLimiting(Authentication.SignInPolicy);
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueAsync(
        HttpRequest request, UserManager<HeadwayUser> users, SignInManager<HeadwayUser> signIn, ApiTokens tokens, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<TokenRequest>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var (user, failure) = await SignIns.CheckAsync(users, signIn, body!.Email, body.Password);
        if (failure is not null)
        {
            return Problems.From(failure);
        }

        var issued = await tokens.IssueAsync(user!, "sign-in", ApiTokens.SignInLifetime, ct);
        return TypedResults.Ok(new TokenResponse(issued.Token, issued.ExpiresAt));
    }
}

/// <summary>Checks an email and password the same way for the sign-in page and the token endpoint.</summary>
public static class SignIns
{
    public static async Task<(HeadwayUser? User, Refusal? Refusal)> CheckAsync(
        UserManager<HeadwayUser> users, SignInManager<HeadwayUser> signIn, string? email, string? password)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(password))
        {
            // The same answer whether or not the email exists.
            return (null, Refusal.Of(RefusalCodes.SignInFailed));
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result.Succeeded ? (user, null)
            : result.IsLockedOut ? (null, Refusal.Of(RefusalCodes.LockedOut))
            : (null, Refusal.Of(RefusalCodes.SignInFailed));
    }
}
