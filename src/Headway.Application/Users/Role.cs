namespace Headway.Application.Users;

/// <summary>The roles of SPEC §1; each user has exactly one.</summary>
public enum Role
{
    /// <summary>Manages users, partners, assignments and L3 values.</summary>
    Admin,
    /// <summary>Onboarding manager (FM): keeps the assigned tenants' entitlements current.</summary>
    Manager,
    /// <summary>Engineer or subject expert (FE/SME): technical-enablement notes.</summary>
    Engineer,
    /// <summary>Architect (FTA): enterprise-status notes on enterprise tenants.</summary>
    Architect,
    /// <summary>Gateway (intake) manager: registers tenants and entitlements, engagement start dates.</summary>
    Gateway,
    /// <summary>Regional manager: reads everything in scope, requests executive summaries.</summary>
    RegionalManager,
    /// <summary>Leadership: reads everything in scope.</summary>
    Leadership,
    /// <summary>Product analyst: aggregate reports only, no tenant names or contacts.</summary>
    ProductAnalyst,
}
