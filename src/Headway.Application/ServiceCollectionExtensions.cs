using Headway.Application.Data;
using Headway.Application.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Headway.Application;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the database and every use-case handler. Hosts may replace <see cref="Caller"/>.</summary>
    public static IServiceCollection AddHeadwayApplication(this IServiceCollection services, IConfiguration configuration)
    {
        // The options are built once: per request they cost a walk up the folders for the data file and a new
        // provider set-up for every context (the contexts themselves stay one per request).
        services.AddDbContext<HeadwayDbContext>(o => HeadwayDatabase.Configure(o, configuration), optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContext<KeyRingContext>(o => HeadwayDatabase.Configure(o, configuration), optionsLifetime: ServiceLifetime.Singleton);
        services.AddIdentityCore<HeadwayUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length and a list of common and leaked passwords (CommonPasswords), no rules of composition: a phrase
                // of plain words is long, easy to remember and hard to guess (NIST SP 800-63B, 5.1.1.2).
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<HeadwayDbContext>()
            .AddPasswordValidator<CommonPasswords>();
        services.AddSingleton(ResetPassword.Settings.From(configuration));
        services.TryAddSingleton<IAccountMailer, NoAccountMailer>();
        services.AddScoped<ChangePassword.Handler>();
        services.AddScoped<ResetPassword.Handler>();
        services.AddScoped<ApiTokens>();
        services.AddSingleton(CheckSignIn.AddressLimit.From(configuration));
        services.AddScoped<CheckSignIn.Handler>();
        services.AddScoped<ExternalSignIn.Handler>();
        services.AddScoped<DemoUsers>();
        services.AddScoped<ManageUsers>();
        services.AddScoped<ManageSmeTeams>();
        services.AddScoped<ServiceAccounts>();
        services.AddScoped<ManagePartners>();
        services.AddScoped<Tenants.AssignTenant.Handler>();
        services.AddScoped<Tenants.ChangeAccountTeam.Handler>();
        services.AddScoped<Taxonomy.ManageL3Values>();
        services.AddScoped<Taxonomy.ManageWorkloads>();
        services.AddSingleton<Taxonomy.Workloads>();
        // One catalogue per request, as the administrators keep it (see Taxonomy.Workloads).
        services.AddScoped(sp => sp.GetRequiredService<Taxonomy.Workloads>().Current(sp.GetRequiredService<Data.HeadwayDbContext>()));
        services.TryAddScoped<ICallerSource>(_ => new FixedCaller(Caller.System));
        services.TryAddScoped(sp => sp.GetRequiredService<ICallerSource>().Current);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Tenants.ListTenants.Handler>();
        services.AddSingleton(Tenants.TenantListIndex.Settings.From(configuration));
        services.AddSingleton<Tenants.TenantListIndex>();
        services.AddScoped<Tenants.UpsertTenant.Handler>();
        services.AddScoped<Tenants.ListSavedViews.Handler>();
        services.AddScoped<Tenants.SaveView.Handler>();
        services.AddScoped<Tenants.ChangeSavedView.Handler>();
        services.AddScoped<Tenants.DeleteSavedView.Handler>();
        services.AddScoped<Tenants.GetTenant.Handler>();
        services.AddScoped<Tenants.GetHistory.Handler>();
        services.AddScoped<Changes.ReadChanges.Handler>();
        services.AddScoped<Tenants.MarkDuplicate.Handler>();
        services.AddScoped<Tenants.ClearDuplicate.Handler>();
        services.AddScoped<Entitlements.ChangeStatus.Handler>();
        services.AddScoped<Entitlements.AddEntitlement.Handler>();
        services.AddScoped<Tenants.RegisterTenant.Handler>();
        services.AddScoped<Tenants.EditTenant.Handler>();
        services.AddScoped<Tenants.GetDetailChanges.Handler>();
        services.AddScoped<Audit.SearchAudit.Handler>();
        services.AddScoped<Notes.AddOverallNote.Handler>();
        services.AddScoped<Notes.ListOverallNotes.Handler>();
        services.AddScoped<Notes.EditOverallNote.Handler>();
        services.AddScoped<Notes.DeleteOverallNote.Handler>();
        services.AddScoped<Notes.ListNoteRevisions.Handler>();
        services.AddSingleton(WorkList.WorkListSettings.From(configuration));
        services.AddScoped<WorkList.GetWorkList.Handler>();
        services.AddScoped<WorkList.CompleteNextAction.Handler>();
        services.AddScoped<WorkList.MoveNextAction.Handler>();
        services.AddScoped<Summaries.WriteSummary.Handler>();
        services.AddScoped<Summaries.ListSummaries.Handler>();
        services.AddScoped<Summaries.GetSummary.Handler>();
        services.AddScoped<Summaries.RequestSummary.Handler>();
        services.AddScoped<Summaries.ListSummaryRequests.Handler>();
        services.AddScoped<Notifications.ListNotifications.Handler>();
        services.AddScoped<Notifications.MarkNotificationsRead.Handler>();
        services.AddScoped<Search.SearchAll.Handler>();
        services.AddMemoryCache();
        services.AddScoped<Reports.RunReport.Handler>();
        services.AddScoped<Reports.ReportFilterValues.Handler>();
        services.AddScoped<Reports.DrillDown.Handler>();
        services.AddScoped<Dashboard.GetDashboard.Handler>();
        services.AddScoped<Demo.DemoData>();
        services.AddSingleton(Imports.ImportActivity.For(configuration));
        services.AddSingleton(Imports.ImportLimits.From(configuration));
        services.AddScoped<Imports.ImportFile.Handler>();
        services.AddScoped<Imports.RevertImport.Handler>();
        services.AddScoped<Imports.ListImports.Handler>();
        services.AddScoped<Exports.ExportData.Handler>();
        services.AddScoped<GetProfile.Handler>();
        services.AddScoped<UpdateProfile.Handler>();
        services.AddSingleton(Notifications.DigestSchedule.From(configuration));
        services.TryAddSingleton<Notifications.IDigestMailer, Notifications.NoDigestMailer>();
        services.AddScoped<Notifications.BuildDigest.Handler>();
        services.AddScoped<Notifications.SendDigests.Handler>();
        return services;
    }
}
