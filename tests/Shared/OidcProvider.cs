using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Headway.Testing;

/// <summary>
/// A real OpenID Connect provider for tests, built on OpenIddict: discovery, an authorization endpoint that asks for the
/// person's email on a plain form (the "organisation's sign-in page"), and a token endpoint issuing signed ID tokens, on a
/// loopback port. Clients are registered once the portal's address is known. Nothing is mocked: the portal reads the
/// discovery document and the signing keys over HTTP and validates the tokens as it would Microsoft Entra ID's.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqliteConnection _connection;

    private OidcProvider(WebApplication app, SqliteConnection connection)
    {
        _app = app;
        _connection = connection;
    }

    /// <summary>The issuer, as the portal's <c>Authority</c> setting names it.</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>The id of the field on the provider's sign-in form that takes the email.</summary>
    public const string EmailField = "login_email";

    /// <summary>The id of the field that takes the groups the person is in (comma separated), issued as <c>groups</c> claims.</summary>
    public const string GroupsField = "login_groups";

    public static async Task<OidcProvider> StartAsync()
    {
        // A named in-memory database shared by the provider's requests, each on its own connection (a SQLite connection
        // serves one thread at a time); this one keeps the database alive while the provider runs.
        var database = $"Data Source=oidc-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var connection = new SqliteConnection(database);
        await connection.OpenAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDbContext<ProviderDb>(o => o.UseSqlite(database).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        var provider = new OidcProvider(app, connection);
        provider.Authority = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return provider;
    }

    /// <summary>Registers a confidential client that may use the code flow with PKCE and come back to <paramref name="redirectUri"/>.</summary>
    public async Task RegisterClientAsync(string clientId, string clientSecret, Uri redirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    /// <summary>
    /// The provider's sign-in: without an email, a form that asks for one and posts the authorization request back with it;
    /// with one, that person signed in (subject, email and name in the ID token).
    /// </summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : null;
        var email = form is not null && form.TryGetValue(EmailField, out var v) ? v.ToString() : "";
        var groups = form is not null && form.TryGetValue(GroupsField, out var g)
            ? g.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        if (email.Length == 0)
        {
            var hidden = string.Concat(request.GetParameters().Select(p =>
                $"""<input type="hidden" name="{HtmlEncoder.Default.Encode(p.Key)}" value="{HtmlEncoder.Default.Encode(p.Value.ToString() ?? "")}">"""));
            return Results.Content($"""
                <!DOCTYPE html><html lang="en"><head><title>Organisation sign-in</title></head><body><main>
                <h1>Organisation sign-in</h1>
                <form method="post" action="/connect/authorize">{hidden}
                <label for="{EmailField}">Email</label> <input type="email" id="{EmailField}" name="{EmailField}" required>
                <label for="{GroupsField}">Groups</label> <input type="text" id="{GroupsField}" name="{GroupsField}">
                <button type="submit" id="provider-continue">Continue</button></form></main></body></html>
                """, "text/html");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, email).SetClaim(Claims.Email, email).SetClaim(Claims.Name, "Person " + email.Split('@')[0]);
        identity.SetClaims("groups", [.. groups]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>The provider's store of clients, authorizations and tokens.</summary>
    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
