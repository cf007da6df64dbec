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

    /// <summary>A year of edits of one entitlement, each made through the rules at its time, appended to the history.</summary>
    internal static void GenerateEdits(
        Random random, DemoContent content, Tenant tenant, Entitlement entitlement, List<Entitlement> siblings, string lang,
        string manager, DemoData.Ids ids, DateTimeOffset now, int statusWeight, bool outlookWithoutMailbox, List<StatusChange> history)
    {
        // A year of edits: earlier statuses drawn like the final one, at increasing times.
        var edits = random.Next(1, 5);
        var span = (now - tenant.CreatedAt).TotalMinutes;
        var at = tenant.CreatedAt;
        for (var k = 0; k < edits; k++)
        {
            at = at.AddMinutes(random.NextDouble() * (span / (edits + 1)) + 60);
            var (l1, l2) = outlookWithoutMailbox && k == edits - 1
                ? (TaxonomyCodes.DuplicateInvalid, (string?)null)
                : PickStatus(random, statusWeight);
            var day = DateOnly.FromDateTime(at.UtcDateTime);
            var hasAction = random.NextDouble() < 0.5;
            var note = Note(random, content, l2 ?? "DuplicateInvalid", lang, random.NextDouble(), WorkloadName(entitlement.Workload));
            var update = new EntitlementUpdate(
                l1, l2,
                Note: note,
                NoteGrade: Grades.GetOrAdd((note, l1, l2), k => NoteGrading.Grade(k.Note, k.L1, k.L2)),
                TargetDate: l1 == TaxonomyCodes.InProgress ? day.AddDays(random.Next(14, 200)) : null,
                EngagementStartDate: l1 == TaxonomyCodes.InProgress && random.NextDouble() < 0.6 ? day.AddDays(-random.Next(0, 60)) : null,
                ProjectedUnblockDate: l1 == TaxonomyCodes.Blocked && random.NextDouble() < 0.7 ? day.AddDays(random.Next(10, 150)) : null,
                NextAction: hasAction ? content.NextActions[lang] : null,
                NextActionDate: hasAction ? day.AddDays(random.Next(2, 40)) : null,
                NextActionOwner: hasAction ? manager : null,
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
    }

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
