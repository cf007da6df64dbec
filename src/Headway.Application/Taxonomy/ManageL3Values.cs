using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Taxonomy;

/// <summary>
/// The administrator-defined L3 values under each L2 ("L3s coming soon" in the playbook). They are
/// shared by the whole programme, so only a programme-centre administrator adds them; they are never
/// deleted, because stored entitlements may use them.
/// </summary>
public sealed class ManageL3Values(HeadwayDbContext db)
{
    public async Task<Result<L3Value>> AddAsync(string l2, string code, string name, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageUsers) is { } forbidden || !db.Caller.IsProgrammeWide)
        {
            return Refusal.Of(RefusalCodes.Forbidden);
        }

        var definition = StatusTaxonomy.Default.FindL2(l2);
        if (definition is null)
        {
            return Refusal.ForField("l2", RefusalCodes.UnknownL2, l2);
        }

        code = code.Trim();
        name = name.Trim();
        if (code.Length is 0 or > FieldLimits.Name || name.Length is 0 or > FieldLimits.Name)
        {
            return Refusal.ForField("code", RefusalCodes.FieldTooLong, "code", FieldLimits.Name.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (await db.L3Values.AnyAsync(v => v.L2 == definition.Code && v.Code == code, ct))
        {
            return Refusal.ForField("code", RefusalCodes.L3Exists, code, definition.Code);
        }

        var value = new L3Value { L2 = definition.Code, Code = code, Name = name };
        db.L3Values.Add(value);
        await db.SaveChangesAsync(ct);
        return Result<L3Value>.Ok(value);
    }

    public async Task<IReadOnlyList<L3Value>> ListAsync(CancellationToken ct = default) =>
        await db.L3Values.AsNoTracking().OrderBy(v => v.L2).ThenBy(v => v.Code).ToListAsync(ct);
}
