using System.Globalization;
using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Headway.Application.Imports;

/// <summary>
/// The tenants an import's rows name: found by id, or by name within the partner, or created from the row. Only a
/// window of them is kept in memory with their entitlements; rows of one tenant usually follow each other, and a
/// window that is emptied when full (after the edits so far are saved) keeps memory flat however large the file.
/// </summary>
internal sealed class TenantWindow(HeadwayDbContext db, DateTimeOffset now, BulkWrites writes, Action<Tenant> created, Func<CancellationToken, Task> flush)
{
    /// <summary>Tenants whose entitlements are kept in memory at once.</summary>
    private const int Size = 2_000;

    private readonly Dictionary<(long? Partner, string Name), List<long>> _byName = new(NameKey.Comparer);
    private readonly Dictionary<long, ImportedTenant> _window = [];
    private readonly Dictionary<string, long> _partners = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long?> _managers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the names of the tenants, partners and managers that rows may name.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var t in await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Name, t.PartnerId }).ToListAsync(ct))
        {
            var key = (t.PartnerId, t.Name.Trim());
            if (!_byName.TryGetValue(key, out var ids))
            {
                _byName[key] = ids = [];
            }

            ids.Add(t.Id);
        }

        foreach (var p in await db.Partners.AsNoTracking().ToListAsync(ct))
        {
            _partners[p.Name] = p.Id;
        }

        // A new tenant's manager must be an onboarding manager of the tenant's own partner (or of the centre), as
        // `tenants assign` and the assignment page require.
        foreach (var m in await db.Users.AsNoTracking().Where(u => u.Role == Role.Manager && !u.IsDisabled)
            .Select(u => new { u.Email, u.PartnerId }).ToListAsync(ct))
        {
            if (m.Email is not null)
            {
                _managers[m.Email] = m.PartnerId;
            }
        }
    }

    /// <summary>Lets the tenants go once their tracked rows have been saved and cleared.</summary>
    public void Clear() => _window.Clear();

    /// <summary>The tenant the row names, created when new; null (and the row refused) when it names none it may use.</summary>
    public async Task<ImportedTenant?> FindAsync(ImportRowValues values, CancellationToken ct)
    {
        var idText = values.Raw(ImportColumns.Id);
        if (idText is not null)
        {
            if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                values.Refuse(ImportColumns.Id, Refusal.Of(RefusalCodes.InvalidNumber, idText));
                return null;
            }

            var byId = await LoadAsync(id, ct);
            if (byId is null)
            {
                values.Refuse(ImportColumns.Id, Refusal.Of(RefusalCodes.TenantNotFound));
            }
            else
            {
                CheckDetails(values, byId.Tenant);
            }

            return byId;
        }

        var name = values.Text(ImportColumns.Tenant, FieldLimits.Name);
        if (name is null)
        {
            values.Refuse(ImportColumns.Tenant, Refusal.Of(RefusalCodes.ValueRequired, values.Heading(ImportColumns.Tenant)));
            return null;
        }

        if (!Partner(values, out var partnerId))
        {
            return null;
        }

        if (_byName.TryGetValue((partnerId, name), out var ids))
        {
            if (ids.Count > 1)
            {
                values.Refuse(ImportColumns.Tenant, Refusal.Of(RefusalCodes.TenantNameAmbiguous, ids.Count.ToString(CultureInfo.InvariantCulture), name));
                return null;
            }

            var found = await LoadAsync(ids[0], ct);
            if (found is not null)
            {
                CheckDetails(values, found.Tenant);
            }

            return found;
        }

        return await NewTenantAsync(values, name, partnerId, ct);
    }

    private bool Partner(ImportRowValues values, out long? partnerId)
    {
        partnerId = db.Caller.PartnerId;
        var partner = values.Text(ImportColumns.Partner, FieldLimits.Name);
        if (partner is null)
        {
            return true;
        }

        if (!_partners.TryGetValue(partner, out var id) || (db.Caller.PartnerId is { } own && own != id))
        {
            values.Refuse(ImportColumns.Partner, Refusal.Of(RefusalCodes.UnknownPartner, partner));
            return false;
        }

        partnerId = id;
        return true;
    }

    private async Task<ImportedTenant?> NewTenantAsync(ImportRowValues values, string name, long? partnerId, CancellationToken ct)
    {
        var countryCode = values.Text(ImportColumns.Country, 10)?.ToUpperInvariant();
        var country = Geography.Default.FindCountry(countryCode);
        if (countryCode is null)
        {
            values.Refuse(ImportColumns.Country, Refusal.Of(RefusalCodes.ValueRequired, values.Heading(ImportColumns.Country)));
        }
        else if (country is null)
        {
            values.Refuse(ImportColumns.Country, Refusal.Of(RefusalCodes.UnknownCountry, countryCode));
        }

        var seats = values.Count(ImportColumns.Seats);
        var priority = values.Choice<Priority>(ImportColumns.Priority);
        var brand = values.Text(ImportColumns.Brand, FieldLimits.Name);
        var manager = values.Text(ImportColumns.Manager, FieldLimits.Name);
        if (manager is not null && (!_managers.TryGetValue(manager, out var managersPartner) || managersPartner != partnerId))
        {
            values.Refuse(ImportColumns.Manager, Refusal.Of(RefusalCodes.NotAManager, manager));
        }

        var industry = values.Text(ImportColumns.Industry, 100);
        if (values.Failed || country is null)
        {
            return null;
        }

        var tenant = new Tenant
        {
            Name = name,
            BrandName = brand,
            Country = country.Code,
            Region = country.Region,
            Industry = industry,
            Seats = seats ?? 0,
            PartnerId = partnerId,
            ManagerName = manager,
            Priority = priority ?? Domain.Tenants.Priority.Medium,
            CreatedAt = now,
        };
        // Written by the import, which assigns its key.
        created(tenant);
        _byName[(partnerId, name)] = [tenant.Id];
        return await RememberAsync(new ImportedTenant(tenant, [], created: true), ct);
    }

    /// <summary>An existing tenant's details stay as they are; a file that says otherwise is told so.</summary>
    private static void CheckDetails(ImportRowValues values, Tenant tenant)
    {
        Same(values, ImportColumns.Tenant, values.Raw(ImportColumns.Tenant), tenant.Name);
        Same(values, ImportColumns.Brand, values.Raw(ImportColumns.Brand), tenant.BrandName);
        Same(values, ImportColumns.Country, values.Raw(ImportColumns.Country)?.ToUpperInvariant(), tenant.Country);
        Same(values, ImportColumns.Seats, values.Raw(ImportColumns.Seats), tenant.Seats.ToString(CultureInfo.InvariantCulture));
        Same(values, ImportColumns.Priority, values.Raw(ImportColumns.Priority), tenant.Priority.ToString(), ignoreCase: true);
        Same(values, ImportColumns.Manager, values.Raw(ImportColumns.Manager), tenant.ManagerName, ignoreCase: true);
        Same(values, ImportColumns.Industry, values.Raw(ImportColumns.Industry), tenant.Industry);
    }

    private static void Same(ImportRowValues values, string column, string? given, string? stored, bool ignoreCase = false)
    {
        if (given is not null && !string.Equals(given, stored?.Trim(), ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            values.Refuse(column, Refusal.Of(RefusalCodes.TenantDetailDiffers, values.Heading(column), stored ?? ""));
        }
    }

    private async Task<ImportedTenant?> LoadAsync(long id, CancellationToken ct)
    {
        if (_window.TryGetValue(id, out var known))
        {
            return known;
        }

        await writes.IdleAsync();
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return null;
        }

        // Tracked: an edit is saved with the version check and the audit trail of a manual edit.
        var entitlements = await db.Entitlements.Where(e => e.TenantId == id).ToListAsync(ct);
        return await RememberAsync(new ImportedTenant(tenant, entitlements), ct);
    }

    private async Task<ImportedTenant> RememberAsync(ImportedTenant state, CancellationToken ct)
    {
        if (_window.Count >= Size)
        {
            // Keep memory flat: edits so far are saved first, since their tracked rows are let go.
            await flush(ct);
        }

        _window[state.Tenant.Id] = state;
        return state;
    }
    /// <summary>Tenant names match ignoring case and surrounding spaces, within one partner (or the centre).</summary>
    private sealed class NameKey : IEqualityComparer<(long? Partner, string Name)>
    {
        public static readonly NameKey Comparer = new();

        public bool Equals((long? Partner, string Name) x, (long? Partner, string Name) y) =>
            x.Partner == y.Partner && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((long? Partner, string Name) obj) =>
            HashCode.Combine(obj.Partner, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name));
    }
}

internal sealed class ImportedTenant(Tenant tenant, List<Entitlement> entitlements, bool created = false)
{
    /// <summary>Created by this import (its entitlements are removed with it on a revert).</summary>
    public bool Created { get; } = created;

    public Tenant Tenant { get; } = tenant;

    public List<Entitlement> Entitlements { get; } = entitlements;

    /// <summary>Which row of the file set each workload, to name it when a later row sets the same one.</summary>
    public Dictionary<string, int> SetBy { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The notes (and their L2s) this file gave the tenant's workloads, for the same-note rule.</summary>
    public List<(string? Note, string? L2)> NotesSet { get; } = [];
}
