using Headway.Application;
using Headway.Application.Notes;
using Headway.Domain.Tenants;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Notes;

public sealed class TagModel(ListOverallNotes.Handler handler) : PageModel
{
    public string Tag { get; private set; } = "";

    public Page<ListOverallNotes.Row> Result { get; private set; } = new([], 1, 25, 0);

    public async Task<IActionResult> OnGetAsync(string tag, [FromQuery(Name = "p")] int? page, CancellationToken ct)
    {
        // The router hands a blank segment ("/tags/%20") over as null: it is a tag that cannot exist, not "every tag".
        Tag = Hashtags.Normalize(tag ?? "");
        var result = await handler.HandleAsync(new ListOverallNotes.Request(null, Tag, page, 25), ct);
        if (!result.Succeeded)
        {
            return this.NotShown(result.Refusal);
        }

        Result = result.Value;
        return Page();
    }
}
