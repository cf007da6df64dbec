using Headway.Domain.Tenants;

namespace Headway.Application.Reports;

/// <summary>
/// What every report can be narrowed to. <see cref="AsOf"/> computes the report from the status history
/// as it stood at the end of that day; <see cref="From"/>/<see cref="To"/> keep statuses last changed in
/// that range; <see cref="Tag"/> keeps tenants with an overall note carrying that hashtag. <see cref="Workloads"/> and
/// <see cref="Regions"/> keep any of theirs (none given keeps all).
/// </summary>
public sealed record ReportFilter(
    IReadOnlyList<string>? Workloads = null,
    IReadOnlyList<string>? Regions = null,
    string? Country = null,
    long? PartnerId = null,
    bool CentreOnly = false,
    string? Manager = null,
    Priority? Priority = null,
    string? Tag = null,
    DateOnly? From = null,
    DateOnly? To = null,
    DateOnly? AsOf = null,
    int StaleDays = 30);
