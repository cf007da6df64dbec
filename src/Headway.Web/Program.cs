using System.Text.Encodings.Web;
using System.Text.Unicode;
using Headway.Application;
using Headway.Application.Data;
using Headway.Web;
using Headway.Web.Features.Account;
using Headway.Web.Features.Admin;
using Headway.Web.Features.ApiReference;
using Headway.Web.Features.Audit;
using Headway.Web.Features.Changes;
using Headway.Web.Features.Culture;
using Headway.Web.Features.Dashboard;
using Headway.Web.Features.Digests;
using Headway.Web.Features.Entitlements;
using Headway.Web.Features.Exports;
using Headway.Web.Features.Imports;
using Headway.Web.Features.Notes;
using Headway.Web.Features.Notifications;
using Headway.Web.Features.Reports;
using Headway.Web.Features.Search;
using Headway.Web.Features.Summaries;
using Headway.Web.Features.Taxonomy;
using Headway.Web.Features.Tenants;
using Headway.Web.Features.Webhooks;
using Headway.Web.Features.WorkList;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);

// A status note is at most 4,000 characters; no request needs more than 1 MB (imports set their own limit). The
// server does not name itself.
builder.WebHost.ConfigureKestrel(o =>
{
    o.Limits.MaxRequestBodySize = 1024 * 1024;
    o.AddServerHeader = false;
});
var uploadLimit = ImportsApi.MaxUploadBytes(builder.Configuration);
builder.AddHeadwayTelemetry();

builder.Services.AddHeadwayApplication(builder.Configuration);
// First of the hosted services: migrations run before anything else (the key ring below) reads the database.
builder.Services.AddHostedService<StartupTasks>();
builder.Services.AddHostedService<IdempotencyPurge>();
builder.Services.AddDigests(builder.Configuration);
builder.Services.AddWebhooks(builder.Configuration);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICallerSource, CallerFromRequest>();
builder.Services.AddScoped<ReportText>();
builder.Services.AddScoped<NotificationText>();
builder.Services.AddScoped<AuditText>();
builder.Services.AddScoped<WorkListActions>();
builder.Services.AddHeadwayAuthentication(builder.Configuration);
builder.Services.AddApiConventions(builder.Configuration);
// Several web nodes share one database: the key ring that signs sign-in cookies and antiforgery tokens
// lives there too, so a user signed in through one node is signed in on every other.
builder.Services.AddDataProtection().SetApplicationName("Headway").PersistKeysToDbContext<KeyRingContext>();
builder.Services.AddHeadwayHealth();
// UI strings come from Resources/strings.<lang>.json; registered first, so AddLocalization keeps this factory.
builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
builder.Services.AddLocalization();
builder.Services.AddRazorPages(o =>
    {
        o.RootDirectory = "/Features";
        o.Conventions.ConfigureFilter(new FormTextFilter());
        o.Conventions.AddPageApplicationModelConvention("/Imports/Index", page =>
        {
            page.Filters.Add(new RequestSizeLimitAttribute(uploadLimit));
            page.Filters.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = uploadLimit });
        });
    })
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
// Chinese, Japanese and German text is written as is, not as numeric character references.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddProblemDetails();
builder.Services.AddErrorResponses();
builder.Services.AddAntiforgery(o => o.HeaderName = RequestGuard.TokenHeader);
builder.Services.AddProxySupport(builder.Configuration);
// Answers and the OpenAPI document say what bodies are read as (ApiBodies): numbers as JSON numbers only, enums by name.
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
});
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "Headway API";
    doc.Info.Version = "v1";
    doc.Info.Description = "Entitlement statuses, status notes and history of the cloud-onboarding programme.";
    return Task.CompletedTask;
}).AddHeadwayConventions());

var app = builder.Build();

// SQLite connections kept open between requests close with the portal, so the last one folds the log into the file.
app.Lifetime.ApplicationStopped.Register(() => HeadwayDatabase.CloseKeptConnections(app.Configuration));

app.UseProxySupport();
// The language first: error pages and problems are in the reader's language too.
app.UseRequestLocalization(HeadwayCultures.Options());
app.UseApiConventions();
app.UseErrorResponses();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseConditionalGets();
app.UseRouting();
app.UseAuthentication();
app.UseRefusalLog();
app.UseRateLimiter();
app.UseUnreadBodyClose();
app.UseMediaTypeRefusal();
app.UseAuthorization();
app.UseRequestGuard();
app.UseIdempotencyKeys();

app.MapHeadwayHealth();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapAuthApi();
app.MapExternalSignIn();
app.MapProfileApi();
app.MapTaxonomyApi();
app.MapTenantsApi();
app.MapAssignmentsApi();
app.MapEntitlementsApi();
app.MapNotesApi();
app.MapOverallNotesApi();
app.MapSummariesApi();
app.MapSummaryRequestsApi();
app.MapNotificationsApi();
app.MapSearchApi();
app.MapReportsApi();
app.MapDashboardApi();
app.MapAuditApi();
app.MapImportsApi();
app.MapExportApi();
app.MapWorkListApi();
app.MapUsersApi();
app.MapServiceAccountsApi();
app.MapPartnersApi();
app.MapSmeTeamsApi();
app.MapChangesApi();
app.MapWebhooksApi();
app.MapApiReference();

app.MapCultureEndpoint();
app.MapRazorPages();

app.Run();

/// <summary>The portal's entry point; public for the integration tests.</summary>
public partial class Program;
