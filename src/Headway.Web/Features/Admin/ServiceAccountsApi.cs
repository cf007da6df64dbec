using System.Globalization;
using System.Text.Json.Serialization;
using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Headway.Web.Features.Admin;

/// <summary>
/// Service accounts (<see cref="ServiceAccounts"/>, the use case of <c>/admin/service-accounts</c>), and the OAuth 2 token
/// endpoint their clients use. Administration is for administrators only; a partner's administrator manages the partner's own.
/// </summary>
public static class ServiceAccountsApi
{
    /// <summary>A service account: <c>clientId</c> is what its client presents; <c>activeKeys</c> counts its unexpired API keys.</summary>
    public sealed record ServiceAccountDto(string Id, string ClientId, string Name, long? PartnerId, string? Partner, IReadOnlyList<string> Scopes,
        bool Disabled, DateTimeOffset? LastTokenAt, int ActiveKeys)
    {
        public static ServiceAccountDto From(ServiceAccounts.AccountRow r) =>
            new(r.Id, r.ClientId, r.Name, r.PartnerId, r.Partner, r.Scopes, r.Disabled, r.LastTokenAt, r.ActiveKeys);
    }

    /// <summary>
    /// A new service account: <c>scopes</c> any of read, statuses, import, export; <c>partnerId</c> null or left out for the
    /// programme centre (a partner's administrator: their partner).
    /// </summary>
    public sealed record CreationBody(string? Name, IReadOnlyList<string>? Scopes, long? PartnerId);

    /// <summary>What to change; a field left out stays as it is.</summary>
    public sealed record ChangeBody(IReadOnlyList<string>? Scopes, bool? Disabled);

    /// <summary>An API key to issue: its name (default "API key") and how many days it is valid (default 90, at most 365).</summary>
    public sealed record KeyBody(string? Name, int? Days);

    /// <summary>The account and its client secret, shown this once.</summary>
    public sealed record SecretDto(ServiceAccountDto Account, string ClientSecret);

    /// <summary>The account and its new API key, shown this once; send it as <c>Authorization: Bearer …</c>.</summary>
    public sealed record KeyDto(ServiceAccountDto Account, string Key, DateTimeOffset ExpiresAt);

    /// <summary>
    /// A token request of the client-credentials grant (RFC 6749 §4.4.2), as a form or as JSON; the client may send its id and
    /// secret as HTTP Basic authentication instead.
    /// </summary>
    public sealed record OAuthTokenRequest(
        [property: JsonPropertyName("grant_type")] string? GrantType,
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("client_secret")] string? ClientSecret);

    /// <summary>The token of the client-credentials grant, as RFC 6749 §5.1 words it.</summary>
    public sealed record OAuthToken(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);

    /// <summary>An error of the token endpoint, as RFC 6749 §5.2 words it; the description is in the request's language.</summary>
    public sealed record OAuthError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string Description);

    public static IEndpointRouteBuilder MapServiceAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/service-accounts").WithTags("Service accounts");
        api.MapGet("/", ListAsync)
            .WithName("ListServiceAccounts")
            .WithSummary("The service accounts in the caller's scope, by name. Administrators only.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RejectUnknownQuery();
        api.MapGet("/{id}", GetAsync)
            .WithName("GetServiceAccount")
            .WithSummary("One service account. 404 for one outside the caller's scope.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RejectUnknownQuery();
        api.MapPost("/", CreateAsync)
            .WithName("CreateServiceAccount")
            .WithSummary("Creates a service account with a name, scopes (read, statuses, import, export) and a partner; the answer carries its client " +
                "id and client secret, the secret this once. 201 with the account's Location.")
            .Accepts<CreationBody>("application/json")
            .Produces<SecretDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPatch("/{id}", UpdateAsync)
            .WithName("UpdateServiceAccount")
            .WithSummary("Changes a service account's scopes, or disables and enables it; disabling revokes its tokens and API keys.")
            .Accepts<ChangeBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/secret", NewSecretAsync)
            .WithName("RenewServiceAccountSecret")
            .WithSummary("Replaces the client secret: the old one and the tokens it was exchanged for stop working at once. The new secret is in the answer, this once.")
            .Produces<SecretDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/keys", IssueKeyAsync)
            .WithName("IssueServiceAccountKey")
            .WithSummary("Issues an API key for the service account, valid for days (default 90, at most 365; {} takes the defaults): a bearer token with the account's scopes. " +
                "The key is in the answer, this once.")
            .Accepts<KeyBody>("application/json")
            .Produces<KeyDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/api/v1/auth/oauth/token", TokenAsync)
            .WithName("OAuthToken")
            .WithSummary("The OAuth 2 client-credentials grant (RFC 6749 §4.4) for service accounts: grant_type=client_credentials and the client id " +
                "and secret, as a form (or JSON) or with the id and secret as HTTP Basic authentication. Answers access_token (a bearer token valid for an hour), token_type and expires_in; " +
                "invalid_client (401) for a wrong id or secret or a disabled account.")
            .WithTags("Auth")
            .Accepts<OAuthTokenRequest>("application/x-www-form-urlencoded", "application/json")
            .Produces<OAuthToken>()
            .Produces<OAuthError>(StatusCodes.Status400BadRequest)
            .Produces<OAuthError>(StatusCodes.Status401Unauthorized)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(Authentication.SignInPolicy);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ServiceAccountDto>>, ProblemHttpResult>> ListAsync(ServiceAccounts accounts, CancellationToken ct)
    {
        var result = await accounts.ListAsync(ct);
        return result.Succeeded
            ? TypedResults.Ok<IReadOnlyList<ServiceAccountDto>>(result.Value.Select(ServiceAccountDto.From).ToList())
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<ServiceAccountDto>, ProblemHttpResult>> GetAsync(string id, ServiceAccounts accounts, CancellationToken ct)
    {
        var result = await accounts.GetAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(ServiceAccountDto.From(result.Value)) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Created<SecretDto>, ProblemHttpResult>> CreateAsync(HttpRequest request, ServiceAccounts accounts, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<CreationBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await accounts.CreateAsync(new ServiceAccounts.Creation(body!.Name, body.Scopes, body.PartnerId), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/service-accounts/{result.Value.Account.Id}", new SecretDto(ServiceAccountDto.From(result.Value.Account), result.Value.ClientSecret))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<ServiceAccountDto>, ProblemHttpResult>> UpdateAsync(string id, HttpRequest request, ServiceAccounts accounts, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<ChangeBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await accounts.UpdateAsync(id, new ServiceAccounts.Change(body!.Scopes, body.Disabled), ct);
        return result.Succeeded ? TypedResults.Ok(ServiceAccountDto.From(result.Value)) : Problems.From(result.Refusal);
    }

    private static async Task<Results<Ok<SecretDto>, ProblemHttpResult>> NewSecretAsync(string id, ServiceAccounts accounts, CancellationToken ct)
    {
        var result = await accounts.NewSecretAsync(id, ct);
        return result.Succeeded
            ? TypedResults.Ok(new SecretDto(ServiceAccountDto.From(result.Value.Account), result.Value.ClientSecret))
            : Problems.From(result.Refusal);
    }

    private static async Task<Results<Created<KeyDto>, ProblemHttpResult>> IssueKeyAsync(string id, HttpRequest request, ServiceAccounts accounts, CancellationToken ct)
    {
        var (body, refusal) = await ApiBodies.ReadAsync<KeyBody>(request, ct);
        if (refusal is not null)
        {
            return Problems.From(refusal);
        }

        var result = await accounts.IssueKeyAsync(id, body!.Name, body.Days, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/service-accounts/{id}",
                new KeyDto(ServiceAccountDto.From(result.Value.Account), result.Value.Issued.Token, result.Value.Issued.ExpiresAt))
            : Problems.From(result.Refusal);
    }

    private static async Task<IResult> TokenAsync(HttpRequest request, ServiceAccounts accounts, TimeProvider clock, CancellationToken ct)
    {
        static string Describe(string code, params string[] args) => Domain.Results.Refusal.Of(code, args).Message(CultureInfo.CurrentUICulture.Name);
        OAuthTokenRequest? body;
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(ct);
                body = new OAuthTokenRequest(form["grant_type"], form["client_id"], form["client_secret"]);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                return TypedResults.BadRequest(new OAuthError("invalid_request", Describe(Domain.Results.RefusalCodes.MalformedRequest, ex.Message)));
            }
        }
        else
        {
            var (json, refusal) = await ApiBodies.ReadAsync<OAuthTokenRequest>(request, ct);
            if (refusal is not null)
            {
                return TypedResults.BadRequest(new OAuthError("invalid_request", refusal.Message(CultureInfo.CurrentUICulture.Name)));
            }

            body = json;
        }

        if (!string.Equals(body?.GrantType, "client_credentials", StringComparison.Ordinal))
        {
            return TypedResults.BadRequest(new OAuthError("unsupported_grant_type", Describe(Domain.Results.RefusalCodes.UnsupportedGrantType)));
        }

        var (clientId, clientSecret) = Credentials(request, body!);
        var result = await accounts.TokenAsync(clientId, clientSecret, ct);
        if (!result.Succeeded)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"headway\"";
            return TypedResults.Json(new OAuthError("invalid_client", Describe(result.Refusal.Code)), statusCode: StatusCodes.Status401Unauthorized);
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var seconds = (long)Math.Round((result.Value.ExpiresAt - clock.GetUtcNow()).TotalSeconds);
        return TypedResults.Ok(new OAuthToken(result.Value.Token, "Bearer", seconds));
    }

    /// <summary>The client's id and secret: from HTTP Basic authentication when present (RFC 6749 §2.3.1), else from the body.</summary>
    private static (string? Id, string? Secret) Credentials(HttpRequest request, OAuthTokenRequest body)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (body.ClientId, body.ClientSecret);
    }
}
