using System.Globalization;
using Headway.Application.Data;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Tenants;

/// <summary>What a saved view may be called and hold, and whose it is: checked the same by saving and changing one.</summary>
public static class SavedViewInput
{
    public const int MaxName = 100;

    public const int MaxQuery = 2000;

    /// <summary>The name without surrounding spaces, or the refusal: required, at most <see cref="MaxName"/> characters, text only.</summary>
    public static Result<string> Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return Refusal.ForField("name", RefusalCodes.ValueRequired, "name");
        }

        if (trimmed.Length > MaxName)
        {
            return Refusal.ForField("name", RefusalCodes.FieldTooLong, "name", MaxName.ToString(CultureInfo.InvariantCulture));
        }

        return TextRules.Check("name", trimmed) is { } forbidden ? forbidden : Result<string>.Ok(trimmed);
    }

    /// <summary>
    /// The tenant list query string a view stands for, in its canonical form (so the same filters always read the same),
    /// or the refusal: a parameter the list does not know, a value it does not allow, or more than <see cref="MaxQuery"/>
    /// characters. The page number is not part of a view; neither is the language.
    /// </summary>
    public static Result<string> Query(string? query)
    {
        var parsed = TenantListQuery.Parse(query ?? "");
        if (!parsed.Succeeded)
        {
            return parsed.Refusal with { Field = "query" };
        }

        var canonical = TenantListQuery.ToQuery(parsed.Value);
        return canonical.Length > MaxQuery
            ? Refusal.ForField("query", RefusalCodes.FieldTooLong, "query", MaxQuery.ToString(CultureInfo.InvariantCulture))
            : Result<string>.Ok(canonical);
    }

    /// <summary>The caller's user id; null for a caller who is not a user (the operator of the command line).</summary>
    public static Task<string?> OwnerAsync(HeadwayDbContext db, CancellationToken ct)
    {
        var normalized = db.Caller.UserName.ToUpperInvariant();
        return db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Whether the owner has another view of this name (names are compared without regard to case).</summary>
    public static async Task<bool> NameTakenAsync(HeadwayDbContext db, string owner, string name, long? except, CancellationToken ct)
    {
        var names = await db.SavedViews.AsNoTracking().Where(v => v.OwnerId == owner && v.Id != except).Select(v => v.Name).ToListAsync(ct);
        return names.Contains(name, StringComparer.Create(CultureInfo.InvariantCulture, ignoreCase: true));
    }

    /// <summary>
    /// A view the caller owns, tracked for a change; otherwise the refusal: not found when it is not in the caller's scope
    /// or is another user's unshared view, not theirs when someone else shared it.
    /// </summary>
    public static async Task<(SavedView? View, Refusal? Refusal)> OwnAsync(HeadwayDbContext db, long id, CancellationToken ct)
    {
        var me = await OwnerAsync(db, ct);
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (view is null || (view.OwnerId != me && !view.IsShared))
        {
            return (null, Refusal.Of(RefusalCodes.SavedViewNotFound));
        }

        return view.OwnerId == me ? (view, null) : (null, Refusal.Of(RefusalCodes.SavedViewNotYours));
    }
}
