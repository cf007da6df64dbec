using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The history of a tenant's status changes and of its overall notes.</summary>
public sealed class TenantHistoryPage(IPage page)
{
    public ILocator Main => page.Locator("main");

    /// <summary>The table of edits and deletes of the tenant's overall notes.</summary>
    public ILocator NoteRevisions => page.Locator("#note-revisions");

    /// <summary>The rows of one kind of note revision (Edited, Deleted, …).</summary>
    public ILocator NoteRevisionRows(string kind) => page.Locator($"#note-revisions tr.note-revision-{kind}");

    public async Task OpenAsync(long tenantId)
    {
        await page.GotoAsync($"/tenants/{tenantId}/history");
    }
}
