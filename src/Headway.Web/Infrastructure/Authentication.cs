using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Headway.Application.Data;
using Headway.Application.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Headway.Web.Infrastructure;

/// <summary>
/// Sign-in: a cookie for the portal, bearer tokens (hashed, expiring, revocable) for the API and the
/// CLI. Every endpoint and page requires a signed-in user unless it says otherwise.
/// </summary>
public static class Authentication
{
    public const string Scheme = "Headway";
    public const string BearerScheme = "Bearer";
    public const string RoleClaim = "headway:role";
    public const string PartnerClaim = "headway:partner";
    public const string RegionClaim = "headway:region";
    public const string CountryClaim = "headway:country";
    public const string StatusWorkloadClaim = "headway:status-workload";
    public const string ScopeClaim = "headway:scope";
    public const string ServiceClaim = "headway:service";
    public const string SignInPolicy = "sign-in";

    /// <summary>The policy of <see cref="Permission.Import"/>, as a constant for attributes.</summary>
    public const string ImportPolicy = "permission:" + nameof(Permission.Import);

    /// <summary>The name of the authorization policy that requires a permission.</summary>
    public static string Policy(Permission permission) => "permission:" + permission;

    public static IServiceCollection AddHeadwayAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        // Mailed password-reset links: tokens protected by the shared key ring, bound to the user's security stamp (so a
        // link works once), expiring after Security:PasswordResetLinkLifetime.
        new IdentityBuilder(typeof(HeadwayUser), services)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<HeadwayClaims>()
            .AddTokenProvider<DataProtectorTokenProvider<HeadwayUser>>(TokenOptions.DefaultProvider)
            .AddTokenProvider<InvitationTokenProvider>(Application.Users.ResetPassword.Invitations.Provider);
        var resetLinks = Application.Users.ResetPassword.Settings.From(configuration);
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = resetLinks.LinkLifetime);
        services.Configure<InvitationTokenOptions>(o =>
        {
            o.Name = Application.Users.ResetPassword.Invitations.Provider;
            o.TokenLifespan = resetLinks.InvitationLifetime;
        });
        // How soon a change of the user (signed out elsewhere, disabled, password changed) ends the cookies already issued:
        // the cookie's security stamp is checked against the database at most this often per cookie.
        var checkInterval = configuration.GetValue("Security:SessionCheckInterval", TimeSpan.FromMinutes(1));
        var absoluteLifetime = configuration.GetValue("Security:SessionAbsoluteLifetime", TimeSpan.FromHours(24));
        if (checkInterval < TimeSpan.Zero || absoluteLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                "Security:SessionCheckInterval must be zero or more and Security:SessionAbsoluteLifetime more than zero (for example 00:01:00 and 1.00:00:00).");
        }

        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = checkInterval);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = ".Headway.Auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                // A new session starts its absolute lifetime; a renewed one (a changed password) keeps its start.
                o.Events.OnSigningIn = c =>
                {
                    c.Properties.Items.TryAdd(SignedInAtItem, TimeOf(c.HttpContext).GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = c => ValidateSessionAsync(c, absoluteLifetime);
                // The API answers with status codes, never with a redirect to a sign-in page.
                o.Events.OnRedirectToLogin = c => ApiStatus(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiStatus(c, StatusCodes.Status403Forbidden);
            })
            // Never issued: Identity's stamp check signs a rejected user out of this scheme too, and without it every
            // request of a disabled or signed-out user's cookie failed with a 500 instead of leading to the sign-in page.
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerScheme, null)
            .AddIdentityProviders(IdentityProviders.From(configuration));

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        // One policy per permission, read from the same table the use cases check (Permissions.Allows). Endpoints that
        // take a large body (imports) require theirs, so a caller without it is refused before a byte is read.
        foreach (var permission in Enum.GetValues<Permission>())
        {
            authorization.AddPolicy(Policy(permission), p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => Permissions.Allows(CallerFromRequest.From(c.User, null), permission)));
        }

        var perMinute = configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only what is sent counts (a mail asked for, a client secret tried); loading a page never does.
            o.AddPolicy(SignInPolicy, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>The instant of signing in, kept in the cookie's properties, which a sliding renewal carries over.</summary>
    private const string SignedInAtItem = "headway:signed-in-at";

    private static TimeProvider TimeOf(HttpContext context) => context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>
    /// A session ends at its absolute lifetime after signing in, however often it was used (the sliding expiry alone
    /// would keep a busy cookie for ever). Otherwise the cookie's security stamp is checked against the database
    /// (<c>Security:SessionCheckInterval</c>). When the database cannot answer, the cookie stands until it can: nothing
    /// can be read or written meanwhile anyway, and the request then fails with 503 where it needs the database instead
    /// of failing in sign-in, where even the error page could not be shown.
    /// </summary>
    private static async Task ValidateSessionAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context,
        TimeSpan absoluteLifetime)
    {
        var signedInAt = context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
                ? at
                : context.Properties.IssuedUtc;
        if (signedInAt is null || TimeOf(context.HttpContext).GetUtcNow() - signedInAt.Value >= absoluteLifetime)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        try
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        }
        catch (Exception e) when (Application.Data.DatabaseFaults.Is(e))
        {
            context.ShouldRenew = false;
        }
    }

    private static Task ApiStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Invitation links: protected like reset links and bound to the security stamp, but with their own lifetime
/// (<c>Security:InvitationLinkLifetime</c>) and their own protector, so a reset token never passes as an invitation.
/// </summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider protection, IOptions<InvitationTokenOptions> options,
    ILogger<DataProtectorTokenProvider<HeadwayUser>> logger)
    : DataProtectorTokenProvider<HeadwayUser>(protection, options, logger)
{
}

/// <summary>The lifetime and name of invitation links (<see cref="InvitationTokenProvider"/>).</summary>
public sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions;

/// <summary>Adds the user's role, partner and geography to the claims, so every request knows its scope.</summary>
public sealed class HeadwayClaims(UserManager<HeadwayUser> users, IOptions<IdentityOptions> options, HeadwayDbContext db)
    : UserClaimsPrincipalFactory<HeadwayUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HeadwayUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Authentication.RoleClaim, user.Role.ToString()));
        if (user.PartnerId is { } partner)
        {
            identity.AddClaim(new Claim(Authentication.PartnerClaim, partner.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        identity.AddClaims(user.Regions.Select(r => new Claim(Authentication.RegionClaim, r)));
        identity.AddClaims(user.Countries.Select(c => new Claim(Authentication.CountryClaim, c)));
        // The workloads marked on the user and those of the SME teams they are in (engineers and architects only).
        var writes = user.Role is Role.Engineer or Role.Architect && !user.IsService
            ? user.StatusWorkloads.Concat(await ManageSmeTeams.WorkloadsOfAsync(db, user.UserName ?? "", user.PartnerId)).Distinct(StringComparer.OrdinalIgnoreCase)
            : [];
        identity.AddClaims(writes.Select(w => new Claim(Authentication.StatusWorkloadClaim, w)));
        if (user.IsService)
        {
            identity.AddClaim(new Claim(Authentication.ServiceClaim, "true"));
            identity.AddClaims(user.Scopes.Select(s => new Claim(Authentication.ScopeClaim, s)));
        }

        return identity;
    }
}

/// <summary>Authenticates <c>Authorization: Bearer hw_…</c> against the stored token hashes on every request.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokens tokens, IUserClaimsPrincipalFactory<HeadwayUser> claims)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        HeadwayUser? user;
        try
        {
            user = await tokens.FindUserAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        }
        catch (Exception e) when (Application.Data.DatabaseFaults.Is(e))
        {
            // The token cannot be checked now. Sign-in fails without an exception (the result is kept for the request, the
            // error page included); a request that needs the user gets the database fault itself, a 503, not a 401.
            Context.Items[DatabaseFaultItem] = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            return AuthenticateResult.Fail(e);
        }

        if (user is null)
        {
            return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
        }

        var principal = await claims.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private const string DatabaseFaultItem = "headway:token-check-fault";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[DatabaseFaultItem] is System.Runtime.ExceptionServices.ExceptionDispatchInfo fault)
        {
            fault.Throw();
        }

        return base.HandleChallengeAsync(properties);
    }
}
