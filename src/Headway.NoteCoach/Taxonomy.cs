namespace Headway.NoteCoach;

/// <summary>The L1/L2 codes the coach knows, and which L1 each L2 belongs to.</summary>
internal static class Taxonomy
{
    public const string StatusUnknown = "StatusUnknown";
    public const string InProgress = "InProgress";
    public const string NoIntent = "NoIntent";
    public const string Blocked = "Blocked";
    public const string DuplicateInvalid = "DuplicateInvalid";

    public static readonly string[] L1Codes = [StatusUnknown, InProgress, NoIntent, Blocked, DuplicateInvalid];

    public static readonly string[] L2Codes =
    [
        "CustomerUnresponsive", "NewSubscriptionOrWorkload",
        "TechnicalOnboardingDeployment", "Migration", "SolutionOrUserAdoption",
        "UsingCompetitiveSolution", "UsingOnPremisesSolution", "ExecutiveSponsorship",
        "CustomerItInfrastructureRemediation", "ItChangeManagementResourcing", "LegalRegulatory",
        "SecurityPrivacyNonProduct", "AdoptionReadiness", "ProductFeatureCapability", "ServiceReliability",
        "AppCompatibility", "PartnerEngagement", "BillingLicensingSubscription",
    ];

    /// <summary>Index into <see cref="L1Codes"/> for each entry of <see cref="L2Codes"/>.</summary>
    public static readonly int[] L1OfL2 = [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3];

    public const int CustomerUnresponsiveIndex = 0;

    public static int L1Index(string? code)
    {
        if (code is null)
        {
            return -1;
        }

        for (var i = 0; i < L1Codes.Length; i++)
        {
            if (string.Equals(L1Codes[i], code, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public static int L2Index(string? code)
    {
        if (code is null)
        {
            return -1;
        }

        for (var i = 0; i < L2Codes.Length; i++)
        {
            if (string.Equals(L2Codes[i], code, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
