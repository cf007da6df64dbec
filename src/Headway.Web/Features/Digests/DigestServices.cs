using Headway.Application.Notifications;

namespace Headway.Web.Features.Digests;

public static class DigestServices
{
    /// <summary>The mail server settings, the digest writer and sender, and the job that runs in every web node.</summary>
    public static IServiceCollection AddDigests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SmtpSettings.Read(configuration));
        services.AddSingleton<DigestMessages>();
        services.AddSingleton<IDigestMailer, SmtpDigestMailer>();
        services.AddHostedService<DigestJob>();
        return services;
    }
}
