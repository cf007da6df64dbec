using System.Diagnostics;
using System.Globalization;
using Headway.Domain.Results;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Errors;

/// <summary>
/// The error page: what went wrong in the reader's language, a way back and the request id. When the request that
/// failed was a posted form and the database could not take it, the page shows what the user typed and offers to
/// send it again unchanged, so a database that is restarting, full or busy loses nobody's text.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class IndexModel : PageModel
{
    /// <summary>Form fields that carry no one's typing: tokens, versions and selections.</summary>
    private static readonly string[] Plumbing = ["__RequestVerificationToken", "Form.Version", "Reviewed", "Confirmed"];

    public int Status { get; private set; }

    /// <summary>The refusal behind the error, when there is one (a database fault, a guard refusal).</summary>
    public Refusal? Refusal { get; private set; }

    public string RequestId { get; private set; } = "";

    /// <summary>Where the failed request went, to send it again.</summary>
    public string? OriginalUrl { get; private set; }

    /// <summary>The text fields of a posted form that failed, as typed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Typed { get; private set; } = [];

    /// <summary>Every field of the posted form (hidden ones too), to post it again unchanged.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Posted { get; private set; } = [];

    /// <summary>Whether sending the same form again can succeed (the fault is the server's, not the input's).</summary>
    public bool MayRetry => Status == StatusCodes.Status503ServiceUnavailable && OriginalUrl is not null && Posted.Count > 0;

    public Task<IActionResult> OnGetAsync(int? status) => ShowAsync(status);

    public Task<IActionResult> OnPostAsync(int? status) => ShowAsync(status);

    public Task<IActionResult> OnPutAsync(int? status) => ShowAsync(status);

    public Task<IActionResult> OnDeleteAsync(int? status) => ShowAsync(status);

    private async Task<IActionResult> ShowAsync(int? status)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Status = status ?? (exception is not null ? Response.StatusCode : StatusCodes.Status404NotFound);
        if (Status is < 400 or > 599)
        {
            Status = StatusCodes.Status404NotFound;
        }

        Refusal = HttpContext.Items[ErrorResponses.RefusalItem] as Refusal
            ?? (exception is not null ? ErrorResponses.DatabaseFault(HttpContext, exception.Error) ?? ErrorResponses.ClientFault(exception.Error) : null);
        RequestId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        OriginalUrl = exception is not null
            ? exception.Path + Request.QueryString
            : reExecuted is not null ? reExecuted.OriginalPathBase + reExecuted.OriginalPath + reExecuted.OriginalQueryString : null;
        if (Request.HasFormContentType && await ReadFormAsync() is { } form)
        {
            Posted = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
            Typed = Posted.Where(p => !Plumbing.Contains(p.Key) && !p.Key.StartsWith("Targets[", StringComparison.Ordinal) && IsProse(p.Value))
                .Select(p => new KeyValuePair<string, string>(p.Key, Printable(p.Value))).ToList();
        }

        Response.StatusCode = Status;
        return Page();
    }

    /// <summary>The posted form, or null when it cannot be read (the reason the request failed may be in it).</summary>
    private async Task<IFormCollection?> ReadFormAsync()
    {
        try
        {
            return await Request.ReadFormAsync(HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Text someone typed, as opposed to a choice or a code the form sends again anyway: it has a space, a
    /// character beyond ASCII (Chinese and Japanese have no spaces) or some length.
    /// </summary>
    private static bool IsProse(string value) =>
        !string.IsNullOrWhiteSpace(value) && (value.Length > 40 || value.Any(c => char.IsWhiteSpace(c) || c > '\u007f'));

    /// <summary>Characters no text may hold are shown as the replacement character, so the rest can be copied.</summary>
    private static string Printable(string text)
    {
        if (TextRules.IndexOfForbidden(text) < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (TextRules.IndexOfForbidden(chars.AsSpan(i, 1)) >= 0 && !char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    /// <summary>The resource key of the page's title and text: one per status the portal answers with.</summary>
    public string Key => Status switch
    {
        400 or 403 or 404 or 405 or 413 or 415 or 429 or 503 => "Error" + Status.ToString(CultureInfo.InvariantCulture),
        _ => Status >= 500 ? "Error500" : "Error400",
    };
}
