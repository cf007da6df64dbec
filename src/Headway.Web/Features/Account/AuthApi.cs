using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

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
        HttpRequest request, CheckSignIn.Handler check, ApiTokens tokens, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<TokenRequest>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var checkedIn = await check.HandleAsync(new CheckSignIn.Request(body!.Email, body.Password), ct);
        if (!checkedIn.Succeeded)
        {
            return Problems.From(checkedIn.Refusal);
        }

        var issued = await tokens.IssueAsync(checkedIn.Value, "sign-in", ApiTokens.SignInLifetime, ct);
        return TypedResults.Ok(new TokenResponse(issued.Token, issued.ExpiresAt));
    }
}
