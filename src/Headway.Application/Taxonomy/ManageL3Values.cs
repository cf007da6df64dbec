using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Taxonomy;

/// <summary>
/// The administrator-defined L3 values under each L2 ("L3s coming soon" in the playbook): added, renamed and retired by
/// the programme centre's administrators in the portal, the API or the command line. A value is never deleted: a retired
/// one stays on the entitlements and in the history that have it, and is no longer offered or accepted as a new choice.
/// </summary>
public sealed class ManageL3Values(HeadwayDbContext db, TimeProvider clock)
{
    public async Task<Result<L3Value>> AddAsync(string l2, string code, string name, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageTaxonomy) is { } forbidden)
        {
            return forbidden;
        }

        var definition = StatusTaxonomy.Default.FindL2(l2?.Trim());
        if (definition is null)
        {
            return Refusal.ForField("l2", RefusalCodes.UnknownL2, l2 ?? "");
        }

        code = code?.Trim() ?? "";
        if ((Checked("code", code) ?? Checked("name", name?.Trim() ?? "")) is { } invalid)
        {
            return invalid;
        }

        if (await db.L3Values.AnyAsync(v => v.L2 == definition.Code && v.Code == code, ct))
        {
            return Refusal.ForField("code", RefusalCodes.L3Exists, code, definition.Code);
        }

        var value = new L3Value { L2 = definition.Code, Code = code, Name = name!.Trim() };
        db.L3Values.Add(value);
        await db.SaveChangesAsync(ct);
        return Result<L3Value>.Ok(value);
    }

    /// <summary>Renames a value and retires or restores it; a null leaves that part as it is. The code never changes.</summary>
    public async Task<Result<L3Value>> ChangeAsync(string l2, string code, string? name, bool? retired, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageTaxonomy) is { } forbidden)
        {
            return forbidden;
        }

        var value = await db.L3Values.FirstOrDefaultAsync(v => v.L2 == l2 && v.Code == code, ct);
        if (value is null)
        {
            return Refusal.Of(RefusalCodes.L3NotFound, code ?? "", l2 ?? "");
        }

        if (name is null && retired is null)
        {
            return Refusal.Of(RefusalCodes.NothingToChange);
        }

        if (name is not null && Checked("name", name.Trim()) is { } invalid)
        {
            return invalid;
        }

        value.Name = name?.Trim() ?? value.Name;
        value.RetiredAt = retired switch
        {
            true => value.RetiredAt ?? clock.GetUtcNow(),
            false => null,
            null => value.RetiredAt,
        };
        await db.SaveChangesAsync(ct);
        return Result<L3Value>.Ok(value);
    }

    /// <summary>Every value, retired ones too, by L2 in the taxonomy's order and then by name.</summary>
    public async Task<IReadOnlyList<L3Value>> ListAsync(CancellationToken ct = default)
    {
        var order = StatusTaxonomy.Default.L2s.Select((l, i) => (l.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        return (await db.L3Values.AsNoTracking().ToListAsync(ct))
            .OrderBy(v => order.GetValueOrDefault(v.L2, int.MaxValue)).ThenBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    private static Refusal? Checked(string field, string text) =>
        text.Length == 0 ? Refusal.ForField(field, RefusalCodes.ValueRequired, field)
        : text.Length > FieldLimits.Name ? Refusal.ForField(field, RefusalCodes.FieldTooLong, field, FieldLimits.Name.ToString(CultureInfo.InvariantCulture))
        : null;
}
