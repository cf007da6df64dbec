using Microsoft.Extensions.Logging;

namespace Headway.Application.Telemetry;

/// <summary>
/// The log events an operator watches for, each with a stable event id (the list is in docs/operations.md). Users are
/// named by id, never by email or name; a failed sign-in names nobody, since what was typed may be a password.
/// </summary>
public static partial class HeadwayLog
{
    [LoggerMessage(1001, LogLevel.Information, "Signed in: user {UserId} by {Method}")]
    public static partial void SignedIn(ILogger logger, string userId, string method);

    [LoggerMessage(1002, LogLevel.Warning, "Sign-in failed by {Method}: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string method, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "Sign-in locked out by {Method}: too many failures for one account or address")]
    public static partial void SignInLockedOut(ILogger logger, string method);

    [LoggerMessage(2001, LogLevel.Warning, "Refused {Method} {Path} with {Status} for user {UserId}")]
    public static partial void PermissionRefused(ILogger logger, string method, string path, int status, string? userId);

    [LoggerMessage(2002, LogLevel.Information, "Conflict on {Method} {Path} ({Status}) for user {UserId}: the thing changed since it was read")]
    public static partial void Conflict(ILogger logger, string method, string path, int status, string? userId);

    [LoggerMessage(3001, LogLevel.Information, "Import {ImportId} applied by {UserId}: {Rows} rows, {TenantsCreated} tenants and {EntitlementsCreated} entitlements created, {EntitlementsChanged} changed, in {Seconds:0.0} s")]
    public static partial void ImportApplied(ILogger logger, long? importId, string userId, int rows, int tenantsCreated, int entitlementsCreated,
        int entitlementsChanged, double seconds);

    [LoggerMessage(3002, LogLevel.Information, "Import not applied for {UserId} (dry run: {DryRun}): {Rows} rows, {Problems} problems, in {Seconds:0.0} s")]
    public static partial void ImportNotApplied(ILogger logger, string userId, bool dryRun, int rows, int problems, double seconds);

    [LoggerMessage(3003, LogLevel.Information, "Import {ImportId} reverted by {UserId}: {Restored} entitlements restored, {Removed} removed, {TenantsRemoved} tenants removed")]
    public static partial void ImportReverted(ILogger logger, long importId, string userId, int restored, int removed, int tenantsRemoved);

    [LoggerMessage(4001, LogLevel.Warning, "The digest {Period} for user {UserId} was not sent; it is tried again after {RetryAfter}")]
    public static partial void DigestFailed(ILogger logger, Exception exception, string period, string userId, TimeSpan retryAfter);

    [LoggerMessage(4002, LogLevel.Information, "Digest pass on {Node}: {Due} due, {Sent} sent, {Empty} with nothing to send, {Taken} taken by another node, {Failed} failed")]
    public static partial void DigestPass(ILogger logger, string node, int due, int sent, int empty, int taken, int failed);

    [LoggerMessage(6001, LogLevel.Warning, "Webhook {WebhookId}: event {EventId} not delivered (attempt {Attempt}, answer {Status}); tried again at {NextAttemptAt}")]
    public static partial void WebhookFailed(ILogger logger, long webhookId, string eventId, int attempt, int? status, DateTimeOffset nextAttemptAt);

    [LoggerMessage(6002, LogLevel.Error, "Webhook {WebhookId}: event {EventId} given up after {Attempts} attempts")]
    public static partial void WebhookGaveUp(ILogger logger, long webhookId, string eventId, int attempts);
}

/// <summary>Logs and counts the outcome of a sign-in, the same for a password and an identity provider.</summary>
public static class SignInOutcome
{
    public static Domain.Results.Result<Users.HeadwayUser> Record(ILogger logger, string method, Domain.Results.Result<Users.HeadwayUser> result)
    {
        string outcome;
        if (result.Succeeded)
        {
            HeadwayLog.SignedIn(logger, result.Value.Id, method);
            outcome = "succeeded";
        }
        else if (result.Refusal.Code == Domain.Results.RefusalCodes.LockedOut)
        {
            HeadwayLog.SignInLockedOut(logger, method);
            outcome = "locked_out";
        }
        else
        {
            HeadwayLog.SignInFailed(logger, method, result.Refusal.Code);
            outcome = "failed";
        }

        HeadwayTelemetry.SignIns.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", outcome));
        return result;
    }
}
