namespace Headway.Domain.Taxonomy;

/// <summary>Stable L1 and L2 codes that the rules refer to.</summary>
public static class TaxonomyCodes
{
    /// <summary>L1: no successful contact yet.</summary>
    public const string StatusUnknown = "StatusUnknown";
    /// <summary>L1: deploying or adopting.</summary>
    public const string InProgress = "InProgress";
    /// <summary>L1: will not deploy.</summary>
    public const string NoIntent = "NoIntent";
    /// <summary>L1: intends to, but blocked.</summary>
    public const string Blocked = "Blocked";
    /// <summary>L1: duplicate or invalid.</summary>
    public const string DuplicateInvalid = "DuplicateInvalid";
    /// <summary>L2 every new entitlement starts with.</summary>
    public const string NewSubscriptionOrWorkload = "NewSubscriptionOrWorkload";
    /// <summary>L2: the customer does not answer.</summary>
    public const string CustomerUnresponsive = "CustomerUnresponsive";
}
