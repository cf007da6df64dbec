namespace Headway.Application.Users;

/// <summary>
/// A team of subject-matter experts (engineers and architects) who keep the status notes of some workloads, as the guidance
/// lets "certain SME teams" do: each member may change those workloads' statuses on the tenants whose account team they are
/// on, as if the workloads were marked on their own user (<see cref="HeadwayUser.StatusWorkloads"/>). A team belongs to one
/// partner or to the programme centre (null), and its members to the same.
/// </summary>
public sealed class SmeTeam
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The team's partner; null for the programme centre.</summary>
    public long? PartnerId { get; set; }

    /// <summary>The workloads (codes) whose status notes the members write.</summary>
    public List<string> Workloads { get; set; } = [];

    /// <summary>The members (user names).</summary>
    public List<string> Members { get; set; } = [];
}
