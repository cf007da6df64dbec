using Headway.Application.Notifications;
using Headway.Application.Users;
using Headway.Web.Features.Account;

namespace Headway.Web.Features.Digests;

public static class DigestServices
{
    /// <summary>
    /// The mail server settings and sender, the digest writer and sender, the job that runs in every web node, and the
    /// mails about a user's own account (a link to set a new password).
    /// </summary>
    public static IServiceCollection AddDigests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SmtpSettings.Read(configuration));
        services.AddSingleton<SmtpSender>();
        services.AddSingleton<AccountMessages>();
        services.AddSingleton<IAccountMailer, SmtpAccountMailer>();
        services.AddSingleton<DigestMessages>();
        services.AddSingleton<IDigestMailer, SmtpDigestMailer>();
        services.AddHostedService<DigestJob>();
        return services;
    }
}
