using Headway.Web.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Headway.Web.BrowserTests;

/// <summary>
/// The API reference as a partner's developer opens it from the navigation: the OpenAPI document rendered with every
/// operation, under the portal's content security policy with nothing refused and nothing fetched from elsewhere;
/// a visitor who is not signed in is sent to sign in.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ApiReferenceTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignedInReader_OpensTheApiReference_WithEveryOperation_AndNothingRefused()
    {
        var page = await fixture.NewPageAsync("de-DE");
        var problems = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add(response.Status + " " + response.Url);
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.Server.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        await new NavigationBar(page).Link("/api-reference/").ClickAsync();
        await page.WaitForURLAsync("**/api-reference**");
        await Expect(page).ToHaveTitleAsync("Headway API");
        await Expect(page.GetByText("/api/v1/auth/token").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("a[href='#tag/webhooks']").First).ToBeAttachedAsync();
        await page.Locator("a[href='#tag/tenants']").First.ClickAsync();
        await Expect(page.GetByText("/api/v1/external-tenants/{externalId}").First).ToBeAttachedAsync();

        Assert.Empty(problems);
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task Visitor_IsSentToSignIn()
    {
        var page = await fixture.NewPageAsync(user: null);
        await page.GotoAsync("/api-reference");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
