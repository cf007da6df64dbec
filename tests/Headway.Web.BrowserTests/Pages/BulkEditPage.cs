using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The bulk edit of several workloads of a tenant: fill in what changes, review, then save.</summary>
public sealed class BulkEditPage(IPage page)
{
    /// <summary>The status fields, shared with the single-entitlement editor.</summary>
    public EditEntitlementPage Fields { get; } = new(page);

    public ILocator Selected => page.Locator("#bulk-selected tbody tr");

    /// <summary>The list of what will change, shown after a review.</summary>
    public ILocator Changes => page.Locator("#bulk-changes li");

    public ILocator SameNoteWarning => page.Locator("#same-note-warning");

    public ILocator Errors => page.Locator(".error:not(:empty), .alert li");

    /// <summary>The box that clears a field on every selected entitlement, by the field's input id.</summary>
    public ILocator ClearBox(string inputId) => page.Locator($"input[data-clears='{inputId}']");

    public Task ReviewAsync() => page.Locator("#bulk-check").ClickAsync();

    public Task ConfirmSameNoteAsync() => page.Locator("#confirm-same-note").CheckAsync();

    public Task SaveAsync() => page.Locator("#bulk-confirm-save").ClickAsync();
}
