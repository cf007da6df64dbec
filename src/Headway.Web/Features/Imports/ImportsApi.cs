using System.Globalization;
using Headway.Application.Imports;
using Headway.Application.Users;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Headway.Web.Features.Imports;

/// <summary>Bulk import over HTTP: the file is the request body; the answer lists every problem in the request's language.</summary>
public static class ImportsApi
{
    /// <summary>The media types an import file may be sent as: CSV (or tab-separated text) and Excel workbooks, or bytes.</summary>
    public static readonly string[] FileTypes =
        ["text/csv", "text/tab-separated-values", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"];

    /// <summary>The largest upload accepted (<c>Import:MaxUploadBytes</c>, 512 MiB unless configured); 1,600,000 rows of CSV are about 400 MB.</summary>
    public static long MaxUploadBytes(IConfiguration configuration) => ImportLimits.From(configuration).MaxUploadBytes;

    public sealed record ProblemDto(int Row, string? Column, string Code, string Message);

    public sealed record ImportResultDto(long? ImportId, bool DryRun, bool Applied, int Rows, int TenantsCreated, int EntitlementsCreated,
        int EntitlementsChanged, int Unchanged, string? Encoding, IReadOnlyList<ProblemDto> Problems);

    public sealed record ImportDto(long Id, string FileName, string ImportedBy, DateTimeOffset ImportedAt, int Rows, int TenantsCreated,
        int EntitlementsCreated, int EntitlementsChanged, string? RevertedBy, DateTimeOffset? RevertedAt);

    public sealed record RevertDto(long ImportId, int TenantsRemoved, int EntitlementsRemoved, int EntitlementsRestored);

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var limit = MaxUploadBytes(app.ServiceProvider.GetRequiredService<IConfiguration>());
        app.MapPost("/api/v1/imports", ImportAsync)
            .WithName("Import")
            .WithSummary("Imports tenants and entitlements from the request body (the raw file: text/csv, or an .xlsx workbook), a CSV (UTF-8, UTF-16, GB18030 or Shift_JIS) or .xlsx file with one entitlement per row. " +
                "dryRun=true checks every row and changes nothing (200, with every problem listed). Otherwise the file applies entirely (200) or not at all: 422 ImportHasProblems, " +
                "whose `import` member is the same result with every problem's row, column, code and message. " +
                "confirmSameNote=true lets the file give one note to several workloads of a tenant (refused otherwise, as in the bulk edit). " +
                "Only roles that may import are let in, before the body is read; the body may be as large as Import:MaxUploadBytes.")
            .WithTags("Imports")
            .Accepts<Stream>(FileTypes[0], FileTypes[1..])
            .RequireAuthorization(Authentication.Policy(Permission.Import))
            .WithMetadata(new RequestSizeLimitAttribute(limit))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/api/v1/imports", ListAsync)
            .WithName("ListImports")
            .WithSummary("The imports of the caller's scope, newest first.")
            .WithTags("Imports")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithNextLinks()
            .RejectUnknownQuery();
        app.MapPost("/api/v1/imports/{id:long}/revert", RevertAsync)
            .RequireAuthorization(Authentication.Policy(Permission.Import))
            .WithName("RevertImport")
            .WithSummary("Undoes an import as one unit; refused with 409 when what it wrote was changed since, or when it was reverted already.")
            .WithTags("Imports")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Copies an upload to a temporary file: detecting the encoding reads the file twice, and a request body reads once.</summary>
    public static async Task<FileStream> SpoolAsync(Stream body, CancellationToken ct)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await body.CopyToAsync(spool, ct);
        spool.Position = 0;
        return spool;
    }

    public static ImportResultDto Dto(ImportFile.Response r) => new(r.ImportId, r.DryRun, r.Applied, r.Rows, r.TenantsCreated, r.EntitlementsCreated,
        r.EntitlementsChanged, r.Unchanged, r.Encoding,
        r.Problems.Select(p => new ProblemDto(p.Row, p.Column, p.Refusal.Code, p.Refusal.Message(CultureInfo.CurrentUICulture.Name))).ToList());

    private static async Task<Results<Ok<ImportResultDto>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, string? fileName, bool? dryRun, string? encoding, bool? confirmSameNote, ImportFile.Handler handler, CancellationToken ct)
    {
        FileStream spool;
        try
        {
            spool = await SpoolAsync(request.Body, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0;
            return Problems.From(Domain.Results.Refusal.Of(Domain.Results.RefusalCodes.RequestTooLarge, limit.ToString(CultureInfo.InvariantCulture)));
        }

        await using var spooled = spool;
        var result = await handler.HandleAsync(new ImportFile.Request(spool, fileName ?? "import.csv", dryRun ?? false, encoding, ConfirmSameNote: confirmSameNote ?? false), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        // A real import that was not applied failed: an error status, so a client that checks only the status cannot
        // take it for done.
        var r = result.Value;
        return r.DryRun || r.Applied
            ? TypedResults.Ok(Dto(r))
            : Problems.From(Domain.Results.Refusal.Of(Domain.Results.RefusalCodes.ImportHasProblems, r.Problems.Count.ToString("N0", CultureInfo.CurrentCulture)),
                StatusCodes.Status422UnprocessableEntity, new Dictionary<string, object?> { ["import"] = Dto(r) });
    }

    private static async Task<Results<Ok<PageDto<ImportDto>>, ProblemHttpResult>> ListAsync(int? page, int? pageSize, string? cursor, HttpContext http,
        ListImports.Handler handler, CancellationToken ct)
    {
        var at = PageLinks.Read(cursor, page);
        var result = await handler.HandleAsync(new ListImports.Request(at.Page, pageSize, at.Mark), ct);
        if (!result.Succeeded)
        {
            return Problems.From(result.Refusal);
        }

        var p = result.Value;
        return TypedResults.Ok(PageLinks.Dto(http, p, i => new ImportDto(i.Id, i.FileName, i.ImportedBy, i.ImportedAt, i.Rows,
            i.TenantsCreated, i.EntitlementsCreated, i.EntitlementsChanged, i.RevertedBy, i.RevertedAt)));
    }

    private static async Task<Results<Ok<RevertDto>, ProblemHttpResult>> RevertAsync(long id, RevertImport.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new RevertImport.Request(id), ct);
        return result.Succeeded
            ? TypedResults.Ok(new RevertDto(result.Value.ImportId, result.Value.TenantsRemoved, result.Value.EntitlementsRemoved, result.Value.EntitlementsRestored))
            : Problems.From(result.Refusal);
    }
}
