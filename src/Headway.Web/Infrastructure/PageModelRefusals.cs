using System.Globalization;
using Headway.Domain.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Infrastructure;

/// <summary>
/// What a page does with a refusal, the same on every page: a caller who may not see the thing gets 403, a thing
/// that is not there 404, and any other refusal is shown in the form, next to the field it names, in the reader's
/// language. A caller who may see a tenant but is not assigned to it is told so in the form, not sent away.
/// </summary>
public static class PageModelRefusals
{
    /// <summary>The prefix of a page's bound form: <c>Form.Note</c> for a refusal naming <c>note</c>.</summary>
    public const string FormPrefix = "Form";

    /// <summary>403 when the refusal is <see cref="RefusalCodes.Forbidden"/>, 404 for a missing thing, else the form with the error.</summary>
    /// <param name="page">The page handling the request.</param>
    /// <param name="refusal">Why the use case refused.</param>
    /// <param name="pageLevelFields">Fields the form has no input for; their refusals show above the form.</param>
    public static IActionResult Apply(this PageModel page, Refusal refusal, params string[] pageLevelFields)
    {
        if (page.Forbidden(refusal) is { } forbidden)
        {
            return forbidden;
        }

        if (Problems.StatusOf(refusal.Code) == StatusCodes.Status404NotFound)
        {
            return page.NotFound();
        }

        page.AddToForm(refusal, pageLevelFields);
        return page.Page();
    }

    /// <summary>403 when the refusal is <see cref="RefusalCodes.Forbidden"/>; null for none or any other refusal.</summary>
    public static IActionResult? Forbidden(this PageModel page, Refusal? refusal) =>
        refusal?.Code == RefusalCodes.Forbidden ? page.Forbid() : null;

    /// <summary>For a page that cannot show its subject: 403 when the caller may not, 404 for a missing thing, and for
    /// input the page cannot show (a date out of range, a blank tag) the error page with the refusal's message and status.</summary>
    public static IActionResult NotShown(this PageModel page, Refusal refusal)
    {
        if (page.Forbidden(refusal) is { } forbidden)
        {
            return forbidden;
        }

        var status = Problems.StatusOf(refusal.Code);
        if (status == StatusCodes.Status404NotFound)
        {
            return page.NotFound();
        }

        page.HttpContext.Items[ErrorResponses.RefusalItem] = refusal;
        return page.StatusCode(status);
    }

    /// <summary>
    /// Adds the refusal's message to the model state under the form field it names (<c>note</c> becomes
    /// <c>Form.Note</c>); a refusal naming no field, or one of <paramref name="pageLevelFields"/>, shows above the form.
    /// </summary>
    public static void AddToForm(this PageModel page, Refusal refusal, params string[] pageLevelFields)
    {
        var key = refusal.Field is not { Length: > 0 } field || pageLevelFields.Contains(field, StringComparer.Ordinal)
            ? string.Empty
            : FormPrefix + "." + char.ToUpperInvariant(field[0]) + field[1..];
        page.ModelState.AddModelError(key, refusal.Message(CultureInfo.CurrentUICulture.Name));
    }
}
