using System.Globalization;
using System.Text.RegularExpressions;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Taxonomy;

/// <summary>
/// The workload catalogue: the programme centre's administrators add a workload, rename it or retire and restore it, in
/// the portal or the API, with no release. A workload is never deleted: a retired one stays on the entitlements that
/// have it (reports, history and filters keep showing it) and no new entitlement is registered for it.
/// </summary>
public sealed partial class ManageWorkloads(HeadwayDbContext db, Workloads catalogue, TimeProvider clock)
{
    public async Task<Result<WorkloadRecord>> AddAsync(string code, string name, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageTaxonomy) is { } forbidden)
        {
            return forbidden;
        }

        code = code?.Trim().ToUpperInvariant() ?? "";
        if (!CodeShape().IsMatch(code))
        {
            return Refusal.ForField("code", RefusalCodes.InvalidWorkloadCode, code);
        }

        if (Checked(name?.Trim() ?? "") is { } invalid)
        {
            return invalid;
        }

        if (await db.Workloads.AnyAsync(w => w.Code == code, ct))
        {
            return Refusal.ForField("code", RefusalCodes.WorkloadExists, code);
        }

        var next = await db.Workloads.AnyAsync(ct) ? await db.Workloads.MaxAsync(w => w.Position, ct) + 1 : 0;
        var record = new WorkloadRecord { Code = code, Name = name!.Trim(), IsEntitlement = true, Position = next };
        db.Workloads.Add(record);
        await db.SaveChangesAsync(ct);
        catalogue.Changed();
        return Result<WorkloadRecord>.Ok(record);
    }

    /// <summary>Renames a workload, or retires or restores it; a null leaves that part as it is. CORE (notes only) is not retired.</summary>
    public async Task<Result<WorkloadRecord>> ChangeAsync(string code, string? name, bool? retired, CancellationToken ct = default)
    {
        if (Permissions.Check(db.Caller, Permission.ManageTaxonomy) is { } forbidden)
        {
            return forbidden;
        }

        code = code?.Trim().ToUpperInvariant() ?? "";
        var record = await db.Workloads.FirstOrDefaultAsync(w => w.Code == code, ct);
        if (record is null)
        {
            return Refusal.Of(RefusalCodes.WorkloadNotFound, code);
        }

        if (name is null && retired is null)
        {
            return Refusal.Of(RefusalCodes.NothingToChange);
        }

        if (name is not null && Checked(name.Trim()) is { } invalid)
        {
            return invalid;
        }

        if (retired == true && !record.IsEntitlement)
        {
            return Refusal.ForField("retired", RefusalCodes.WorkloadNotEntitlement, record.Code);
        }

        record.Name = name?.Trim() ?? record.Name;
        record.RetiredAt = retired switch
        {
            true => record.RetiredAt ?? clock.GetUtcNow(),
            false => null,
            null => record.RetiredAt,
        };
        await db.SaveChangesAsync(ct);
        catalogue.Changed();
        return Result<WorkloadRecord>.Ok(record);
    }

    /// <summary>Every workload, retired ones too, in display order.</summary>
    public async Task<IReadOnlyList<WorkloadRecord>> ListAsync(CancellationToken ct = default) =>
        await db.Workloads.AsNoTracking().OrderBy(w => w.Position).ThenBy(w => w.Code).ToListAsync(ct);

    private static Refusal? Checked(string name) =>
        name.Length == 0 ? Refusal.ForField("name", RefusalCodes.ValueRequired, "name")
        : name.Length > FieldLimits.Name ? Refusal.ForField("name", RefusalCodes.FieldTooLong, "name", FieldLimits.Name.ToString(CultureInfo.InvariantCulture))
        : null;

    [GeneratedRegex("^[A-Z0-9]{2,20}$")]
    private static partial Regex CodeShape();
}
