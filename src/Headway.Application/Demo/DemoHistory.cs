using System.Collections.Concurrent;
using Headway.Application.Entitlements;
using Headway.Domain.Entitlements;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;

namespace Headway.Application.Demo;

/// <summary>
/// The history of the demo's entitlements: statuses drawn by weight over every L2 of the taxonomy, notes from the
/// phrase bank in the tenant's language (graded by the coach), and each edit made through the rules at its time.
/// </summary>
internal static class DemoHistory
{
    /// <summary>
    /// How often each L2 is a tenant's status, by code; an L2 not named here (one the taxonomy gains) gets
    /// <see cref="OtherStatusWeight"/>. Draws follow this order, then the taxonomy's, so that a seed keeps giving the
    /// same portfolio.
    /// </summary>
    private static readonly (string L2, int Weight)[] StatusWeights =
    [
        ("NewSubscriptionOrWorkload", 14), ("CustomerUnresponsive", 9),
        ("TechnicalOnboardingDeployment", 14), ("Migration", 9), ("SolutionOrUserAdoption", 11),
        ("UsingCompetitiveSolution", 4), ("UsingOnPremisesSolution", 4), ("ExecutiveSponsorship", 3),
        ("CustomerItInfrastructureRemediation", 5), ("ItChangeManagementResourcing", 4), ("LegalRegulatory", 3),
        ("SecurityPrivacyNonProduct", 3), ("AdoptionReadiness", 3), ("ProductFeatureCapability", 3),
        ("ServiceReliability", 2), ("AppCompatibility", 2), ("PartnerEngagement", 2),
        ("BillingLicensingSubscription", 2),
    ];

    private const int OtherStatusWeight = 2;

    /// <summary>Every L2 of the taxonomy with its L1, as a final status drawn by weight.</summary>
    internal static readonly (string L1, string L2, int Weight)[] FinalStatuses =
    [
        .. StatusTaxonomy.Default.L2s
            .Select(l2 => (l2.L1Code, l2.Code, Order: Array.FindIndex(StatusWeights, w => w.L2 == l2.Code)))
            .OrderBy(s => s.Order < 0 ? int.MaxValue : s.Order)
            .Select(s => (s.L1Code, s.Code, s.Order < 0 ? OtherStatusWeight : StatusWeights[s.Order].Weight)),
    ];

    // The phrase bank is small, so each (note, status) pair is graded once, not once per row.
    private static readonly ConcurrentDictionary<(string Note, string L1, string? L2), string?> Grades = new();

    /// <summary>
    /// A year of edits of one entitlement, each made through the rules at its time, appended to the history, the last of
    /// them recent for most entitlements (<see cref="LastChange"/>): a portfolio that is looked after. Every value is
    /// drawn first, in the order the generator has always drawn them, so a seed keeps giving the same statuses and notes;
    /// only then are the edits placed on the time axis, which ends at <paramref name="end"/>.
    /// </summary>
    internal static void GenerateEdits(
        Random random, DemoContent content, Tenant tenant, Entitlement entitlement, List<Entitlement> siblings, string lang,
        string manager, DemoData.Ids ids, DateTimeOffset end, int statusWeight, bool outlookWithoutMailbox, List<StatusChange> history)
    {
        var edits = random.Next(1, 5);
        var span = (end - tenant.CreatedAt).TotalMinutes;
        var drawn = new List<Draw>(edits);
        for (var k = 0; k < edits; k++)
        {
            var step = random.NextDouble() * (span / (edits + 1)) + 60;
            var (l1, l2) = outlookWithoutMailbox && k == edits - 1
                ? (TaxonomyCodes.DuplicateInvalid, (string?)null)
                : PickStatus(random, statusWeight);
            var hasAction = random.NextDouble() < 0.5;
            var note = Note(random, content, l2 ?? "DuplicateInvalid", lang, random.NextDouble(), WorkloadName(entitlement.Workload));
            int? target = l1 == TaxonomyCodes.InProgress ? random.Next(14, 200) : null;
            // An engagement starts up to 60 days before the edit that records it, or is planned up to a week ahead.
            int? start = l1 == TaxonomyCodes.InProgress && random.NextDouble() < 0.6 ? 7 - random.Next(0, 60) : null;
            int? unblock = l1 == TaxonomyCodes.Blocked && random.NextDouble() < 0.7 ? random.Next(10, 150) : null;
            int? action = hasAction ? random.Next(2, 40) : null;
            drawn.Add(new Draw(step, l1, l2, note, target, start, unblock, action));
        }

        var last = LastChange(tenant, entitlement, end);
        var total = drawn.Sum(d => d.Step);
        var elapsed = 0.0;
        foreach (var d in drawn)
        {
            elapsed += d.Step;
            var at = tenant.CreatedAt + (last - tenant.CreatedAt) * (elapsed / total);
            var day = DateOnly.FromDateTime(at.UtcDateTime);
            var update = new EntitlementUpdate(
                d.L1, d.L2,
                Note: d.Note,
                NoteGrade: Grades.GetOrAdd((d.Note, d.L1, d.L2), key => NoteGrading.Grade(key.Note, key.L1, key.L2)),
                TargetDate: d.TargetDays is { } t ? day.AddDays(t) : null,
                EngagementStartDate: d.StartDays is { } s ? day.AddDays(s) : null,
                ProjectedUnblockDate: d.UnblockDays is { } u ? day.AddDays(u) : null,
                NextAction: d.ActionDays is null ? null : content.NextActions[lang],
                NextActionDate: d.ActionDays is { } a ? day.AddDays(a) : null,
                NextActionOwner: d.ActionDays is null ? null : manager,
                EngagementScenario: tenant.PartnerId is null ? EngagementScenario.CentreLed : EngagementScenario.PartnerLed);
            if (update.EngagementStartDate is not null && entitlement.EngagementStartDate is { } started)
            {
                // A set start date moves only with a reason; the demo's engagements keep the date they started on.
                update = update with { EngagementStartDate = started };
            }

            if (Checked(EntitlementRules.Change(tenant, entitlement, siblings, update, [], manager, at)) is { Change: { } change })
            {
                Append(history, change, ids);
            }
        }

        FinishOldAction(tenant, entitlement, manager, ids, end, history);
    }

    /// <summary>The values of one edit, drawn before its time is known; dates are days after the edit.</summary>
    private sealed record Draw(double Step, string L1, string? L2, string Note, int? TargetDays, int? StartDays, int? UnblockDays, int? ActionDays);

    /// <summary>
    /// When an entitlement was last changed: within three weeks for most, within the month for some, and for about one in
    /// ten long before (the work list's "not updated"). Drawn from the entitlement's own sequence, so the main one is untouched.
    /// </summary>
    private static DateTimeOffset LastChange(Tenant tenant, Entitlement entitlement, DateTimeOffset end)
    {
        var random = OwnRandom(entitlement.Id, 31);
        var roll = random.NextDouble();
        var days = roll < 0.72 ? random.NextDouble() * 21 : roll < 0.9 ? 21 + random.NextDouble() * 9 : 31 + random.NextDouble() * 120;
        var last = end.AddHours(-2).AddDays(-days);
        return last > tenant.CreatedAt.AddDays(30) ? last : tenant.CreatedAt.AddDays(30);
    }

    /// <summary>
    /// Most next actions that fell due days ago were done, the day after they were due, through the rule a manager's click
    /// on the work list goes through; the rest stay overdue.
    /// </summary>
    private static void FinishOldAction(Tenant tenant, Entitlement entitlement, string manager, DemoData.Ids ids, DateTimeOffset end, List<StatusChange> history)
    {
        var today = DateOnly.FromDateTime(end.UtcDateTime);
        if (tenant.IsDuplicate || entitlement.NextActionDate is not { } due || due >= today.AddDays(-2) || OwnRandom(entitlement.Id, 47).NextDouble() >= 0.8)
        {
            return;
        }

        var at = new DateTimeOffset(due.AddDays(1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        if (at <= entitlement.LastChangedAt || at >= end.AddHours(-1))
        {
            return;
        }

        Append(history, Checked(EntitlementRules.MarkNextActionDone(tenant, entitlement, manager, at)), ids);
    }

    /// <summary>A sequence of an entity's own, so that drawing from it leaves every other generated row as it was.</summary>
    internal static Random OwnRandom(long id, int salt) => new(unchecked((int)((ulong)id * 2654435761UL % int.MaxValue) ^ salt));

    internal static void Append(List<StatusChange> history, StatusChange change, DemoData.Ids ids)
    {
        change.Id = ids.Change++;
        history.Add(change);
    }

    /// <summary>Demo data that breaks a rule is a bug in the generator, not a refusal to show anyone.</summary>
    internal static T Checked<T>(Result<T> result)
        where T : notnull => result.Succeeded
        ? result.Value
        : throw new InvalidOperationException($"Demo data broke the rule {result.Refusal.Code}.");

    private static (string L1, string? L2) PickStatus(Random random, int totalWeight)
    {
        var s = DemoData.Pick(random, FinalStatuses, x => x.Weight, totalWeight);
        return (s.L1, s.L2);
    }

    internal static string Note(Random random, DemoContent content, string key, string lang, double roll, string workloadName)
    {
        var bank = content.StatusNotes[key][lang];
        // Most notes follow the guidance; a third fall short, as in a real portfolio.
        var pool = roll < 0.62 ? bank.Good : roll < 0.88 ? bank.Insufficient : bank.Poor;
        if (pool.Count == 0)
        {
            pool = bank.Good;
        }

        return pool[random.Next(pool.Count)].Replace("{workload}", workloadName, StringComparison.Ordinal);
    }

    private static string WorkloadName(string code) => WorkloadCatalogue.Default.Find(code)?.Name.Get("en") ?? code;
}
