using Headway.Application.Data;
using Headway.Application.Users;
using Headway.Domain.Results;
using Microsoft.Extensions.Caching.Memory;

namespace Headway.Application.Reports;

/// <summary>Runs one report of <see cref="ReportCatalogue"/> by its name, for the reader's scope, today or as of a past day.</summary>
public static class RunReport
{
    public sealed record Request(string Report, ReportFilter Filter);

    public sealed class Handler(HeadwayDbContext db, TimeProvider clock, IMemoryCache cache)
    {
        public async Task<Result<ReportResult>> HandleAsync(Request request, CancellationToken ct = default)
        {
            if (Permissions.Check(db.Caller, Permission.ReadReports) is { } forbidden)
            {
                return forbidden;
            }

            if (ReportCatalogue.Find(request.Report) is not { } report)
            {
                return Refusal.ForField("report", RefusalCodes.UnknownChoice, request.Report, string.Join(", ", ReportCatalogue.All.Select(r => r.Name)));
            }

            var f = request.Filter;
            var today = f.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var output = await report.RunAsync(new ReportContext(db, cache, f, today), ct);
            return Result<ReportResult>.Ok(new ReportResult(report.Name, report.KeyColumns, report.ValueColumns, output.Lines, output.Trend, f.AsOf));
        }
    }
}
