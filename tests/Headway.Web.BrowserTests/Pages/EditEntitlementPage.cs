using Microsoft.Playwright;

namespace Headway.Web.BrowserTests.Pages;

/// <summary>The status editor of one entitlement.</summary>
public sealed class EditEntitlementPage(IPage page)
{
    public ILocator L1 => page.Locator("#l1");

    public ILocator L2 => page.Locator("#l2");

    public ILocator Requirements => page.Locator("#l1-requirements");

    public ILocator L2Definition => page.Locator("#l2-definition");

    public ILocator Note => page.Locator("#note");

    public ILocator TargetDate => page.Locator("#targetDate");

    public ILocator EngagementStartDate => page.Locator("#engagementStartDate");

    public ILocator ProjectedUnblockDate => page.Locator("#projectedUnblockDate");

    public ILocator Errors => page.Locator(".error:not(:empty), .alert li");

    public ILocator CoachGrade => page.Locator("#coach-grade");

    public ILocator CoachFindings => page.Locator("#coach-findings li");

    public ILocator CoachMarks => page.Locator("#coach-preview mark");

    public ILocator CoachSuggestion => page.Locator("#coach-suggestion");

    public Task UseSuggestionAsync() => page.Locator("#coach-use").ClickAsync();

    /// <summary>Types like a person (key by key), so the coach sees input events and pauses.</summary>
    public async Task TypeNoteAsync(string text)
    {
        await Note.FillAsync("");
        await Note.PressSequentiallyAsync(text, new() { Delay = 5 });
    }

    public Task ChooseL1Async(string code) => L1.SelectOptionAsync(code);

    public Task ChooseL2Async(string code) => L2.SelectOptionAsync(code);

    public Task SaveAsync() => page.Locator("#status-form button[type=submit]").ClickAsync();

    public Task<string[]> EnabledL2CodesAsync() =>
        L2.Locator("option:not([disabled])").EvaluateAllAsync<string[]>("os => os.map(o => o.value).filter(v => v)");
}
