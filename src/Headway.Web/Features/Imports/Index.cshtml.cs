using Headway.Application;
using Headway.Application.Imports;
using Headway.Web.Features.Shared;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Headway.Web.Features.Imports;

/// <summary>
/// Upload a CSV or Excel file of tenants and entitlements: a dry run lists every problem, a real run applies
/// all rows or none; earlier imports are listed and can be reverted. Works as a plain form; with scripts the
/// upload shows its progress.
/// </summary>
/// <remarks>Only roles that may import get in (checked before the upload is read); the upload limit is set where the pages are configured.</remarks>
[Authorize(Policy = Infrastructure.Authentication.ImportPolicy)]
public sealed class IndexModel(ImportFile.Handler import, ListImports.Handler list, RevertImport.Handler revert, IStringLocalizer<SharedResource> t) : PageModel
{
    public Page<ImportBatch> Imports { get; private set; } = null!;

    public ImportFile.Response? Result { get; private set; }

    public RevertImport.Response? Reverted { get; private set; }

    public string? Refusal { get; private set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool DryRun { get; set; } = true;

    [BindProperty]
    public string? Encoding { get; set; }

    /// <summary>The file gives one note to several workloads of a tenant on purpose.</summary>
    [BindProperty]
    public bool ConfirmSameNote { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager => new(Imports.PageNumber, Imports.PageCount, n => $"/imports?p={n}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ListAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Domain.Results.Refusal.Of(Domain.Results.RefusalCodes.ValueRequired, t["ImportFileLabel"])
                .Message(System.Globalization.CultureInfo.CurrentUICulture.Name));
            return await ListAsync(ct) ?? Page();
        }

        await using (var spool = await ImportsApi.SpoolAsync(Upload.OpenReadStream(), ct))
        {
            var result = await import.HandleAsync(new ImportFile.Request(spool, Upload.FileName, DryRun, string.IsNullOrWhiteSpace(Encoding) ? null : Encoding, ConfirmSameNote: ConfirmSameNote), ct);
            if (this.Forbidden(result.Refusal) is { } forbidden)
            {
                return forbidden;
            }

            Result = result.Value;
            Refusal = result.Refusal?.Message(System.Globalization.CultureInfo.CurrentUICulture.Name);
        }

        return await ListAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostRevertAsync(long id, CancellationToken ct)
    {
        var result = await revert.HandleAsync(new RevertImport.Request(id), ct);
        if (!result.Succeeded)
        {
            if (this.Forbidden(result.Refusal) is { } forbidden)
            {
                return forbidden;
            }

            Refusal = result.Refusal.Message(System.Globalization.CultureInfo.CurrentUICulture.Name);
        }
        else
        {
            Reverted = result.Value;
        }

        return await ListAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> ListAsync(CancellationToken ct)
    {
        var result = await list.HandleAsync(new ListImports.Request(PageNumber), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Imports = result.Value;
        return null;
    }
}
