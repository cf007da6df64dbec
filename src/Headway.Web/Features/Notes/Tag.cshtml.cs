using Headway.Application;
using Headway.Application.Notes;
using Headway.Domain.Tenants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Notes;

public sealed class TagModel(ListOverallNotes.Handler handler) : PageModel
{
    public string Tag { get; private set; } = "";

    public Page<ListOverallNotes.Row> Result { get; private set; } = new([], 1, 25, 0);

    public async Task<IActionResult> OnGetAsync(string tag, [FromQuery(Name = "p")] int? page, CancellationToken ct)
    {
        Tag = Hashtags.Normalize(tag);
        var result = await handler.HandleAsync(new ListOverallNotes.Request(null, Tag, page, 25), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Result = result.Value;
        return Page();
    }
}
