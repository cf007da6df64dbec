using Headway.Application;
using Headway.Application.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Headway.Web.Features.Exports;

/// <summary>Downloads of everything the reader may see, per dataset and format.</summary>
public sealed class IndexModel(Caller caller) : PageModel
{
    public IActionResult OnGet() => Permissions.Allows(caller, Permission.ReadTenants) ? Page() : Forbid();
}
