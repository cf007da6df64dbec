using System.Globalization;
using Headway.Domain.Entitlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Headway.Application.Data;

/// <summary>
/// Builds audit entries from the change tracker, so every write that goes through
/// <see cref="HeadwayDbContext.SaveChangesAsync(bool, CancellationToken)"/> is recorded without each
/// use case having to remember it.
/// </summary>
internal static partial class AuditTrail
{
    private static readonly HashSet<string> Secrets = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "ProtectedSecret"];

    public static List<(EntityEntry Entry, AuditEntry Audit)> Collect(ChangeTracker tracker, Caller caller, DateTimeOffset now)
    {
        var pending = new List<(EntityEntry, AuditEntry)>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (entry.Entity is AuditEntry or StatusChange)
            {
                // History and the trail only ever grow; anything else is a programming error.
                if (entry.State != EntityState.Added)
                {
                    throw new InvalidOperationException($"{entry.Entity.GetType().Name} rows are append-only.");
                }

                continue;
            }

            if (entry.Entity is Webhooks.WebhookDelivery or Idempotency.IdempotencyRecord)
            {
                // A delivery is a record of its own (event, attempts, answers), kept for the subscriber, as an idempotency key is
                // of a request; the trail would only repeat them.
                continue;
            }

            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            pending.Add((entry, new AuditEntry
            {
                At = now,
                Actor = caller.UserName,
                Ip = caller.Ip,
                Action = entry.State.ToString(),
                Entity = entry.Metadata.ClrType.Name,
                EntityId = KeyOf(entry),
                TenantId = entry.Entity is Domain.Tenants.Tenant t ? t.Id : Value<long?>(entry, "TenantId"),
                PartnerId = Value<long?>(entry, "PartnerId"),
                Changes = changes,
            }));
        }

        return pending;
    }

    /// <summary>
    /// The entry for a row written or removed around the change tracker (an import's bulk insert, a revert's delete), as
    /// <see cref="Collect"/> would have made it: every field after for an insert, every field before for a delete.
    /// </summary>
    public static AuditEntry Untracked(HeadwayDbContext db, object entity, EntityState action, Caller caller, DateTimeOffset now)
    {
        var entry = db.Entry(entity);
        var changes = new List<FieldChange>();
        foreach (var p in entry.Properties.Where(p => !p.Metadata.IsPrimaryKey() && !Secrets.Contains(p.Metadata.Name)))
        {
            if (Text(p.CurrentValue) is { } value)
            {
                changes.Add(action == EntityState.Deleted ? new FieldChange(p.Metadata.Name, value, null) : new FieldChange(p.Metadata.Name, null, value));
            }
        }

        return new AuditEntry
        {
            At = now,
            Actor = caller.UserName,
            Ip = caller.Ip,
            Action = action.ToString(),
            Entity = entry.Metadata.ClrType.Name,
            EntityId = KeyOf(entry),
            TenantId = entity is Domain.Tenants.Tenant t ? t.Id : Value<long?>(entry, "TenantId"),
            PartnerId = Value<long?>(entry, "PartnerId"),
            Changes = changes,
        };
    }

    /// <summary>After the write, added rows have their keys; copy them into the entries.</summary>
    public static void CompleteKeys(List<(EntityEntry Entry, AuditEntry Audit)> pending)
    {
        foreach (var (entry, audit) in pending)
        {
            audit.EntityId = KeyOf(entry);
            if (entry.Entity is Domain.Tenants.Tenant t)
            {
                audit.TenantId = t.Id;
            }
        }
    }

    private static List<FieldChange> Changes(EntityEntry entry)
    {
        var list = new List<FieldChange>();
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.IsPrimaryKey())
            {
                continue;
            }

            var before = entry.State == EntityState.Added ? null : Text(p.OriginalValue);
            var after = entry.State == EntityState.Deleted ? null : Text(p.CurrentValue);
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                // That a secret changed is recorded; the secret (or its hash) is not.
                list.Add(Secrets.Contains(p.Metadata.Name) || entry.Entity is Microsoft.AspNetCore.Identity.IdentityUserToken<string>
                    ? new FieldChange(p.Metadata.Name, before is null ? null : "***", after is null ? null : "***")
                    : new FieldChange(p.Metadata.Name, before, after));
            }
        }

        return list;
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));

    private static T? Value<T>(EntityEntry entry, string property) =>
        entry.Metadata.FindProperty(property) is null ? default : (T?)entry.Property(property).CurrentValue;

    private static string? Item(object? item) => item?.ToString() is { } text && RecordText().Match(text) is { Success: true } m ? m.Groups[1].Value : item?.ToString();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\w+ \{ (.*) \}$")]
    private static partial System.Text.RegularExpressions.Regex RecordText();

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IEnumerable<FieldChange> => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        // A list (a summary's lines) as a JSON array of its items, which a reader shows as a list; a record item as its
        // members ("Workload = EXO, State = Deployed"), without the type's name.
        System.Collections.IEnumerable items and not string => System.Text.Json.JsonSerializer.Serialize(items.Cast<object?>().Select(Item)),
        _ => value.ToString(),
    };
}
