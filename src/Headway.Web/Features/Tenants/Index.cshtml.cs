using System.Globalization;
using Headway.Application;
using Headway.Application.Tenants;
using Headway.Application.Users;
using Headway.Domain.Results;
using Headway.Domain.Taxonomy;
using Headway.Domain.Tenants;
using Headway.Web.Features.Shared;
using Headway.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Headway.Web.Features.Tenants;

/// <summary>
/// The tenant list: filters, the active filters as removable chips, every column sortable, the status mix per tenant,
/// exports of exactly what is shown, and saved views. Its address is its state: a view is this page's query string.
/// </summary>
public sealed class IndexModel(ListTenants.Handler handler, ListSavedViews.Handler views, SaveView.Handler save, Caller caller,
    IStringLocalizer<SharedResource> text, AssignTenant.Handler assign, ChangeAccountTeam.Handler changeTeam, ManageUsers manage,
    WorkloadCatalogue workloads) : PageModel
{
    /// <summary>After "Add to account team" the list opens again with how many tenants the person joined.</summary>
    public const string TeamParameter = "teamed";

    /// <summary>With <see cref="TeamParameter"/>: who joined.</summary>
    public const string TeamMemberParameter = "member";

    /// <summary>After a reassignment the list opens again with how many tenants went to whom.</summary>
    public const string ReassignedParameter = "reassigned";

    public const string ReassignedToParameter = "to";

    /// <summary>The page number travels as "p": "page" is reserved by Razor Pages for the page's own path.</summary>
    public const string PageParameter = "p";

    /// <summary>After saving a view the list opens with its id here, to confirm the save.</summary>
    public const string SavedParameter = "saved";

    /// <summary>An active condition: what it says, and the address of the list without it.</summary>
    public sealed record Chip(string Label, string RemoveLink);

    public TenantFilter Filter { get; private set; } = new();

    public ListTenants.Response Result { get; private set; } = new(new Page<ListTenants.Row>([], 1, Paging.DefaultPageSize, 0), false);

    /// <summary>Why the query string could not be read, in the reader's language; the list is then not shown.</summary>
    public string? Error { get; private set; }

    public IReadOnlyList<ListSavedViews.View> Views { get; private set; } = [];

    /// <summary>The view just saved, to confirm it.</summary>
    public ListSavedViews.View? Saved { get; private set; }

    public string Lang { get; } = SupportedLanguages.Normalize(CultureInfo.CurrentUICulture.Name);

    [BindProperty]
    public SaveForm Form { get; set; } = new();

    /// <summary>The tenants ticked for reassignment, the manager they go to and the list's query to return to.</summary>
    [BindProperty]
    public ReassignForm Reassign { get; set; } = new();

    public sealed class ReassignForm
    {
        public List<long> Ids { get; set; } = [];

        public string? Manager { get; set; }

        /// <summary>Whom "Add to account team" puts on the ticked tenants' teams.</summary>
        public string? Member { get; set; }

        public string? Query { get; set; }
    }

    /// <summary>Whether the caller registers tenants (gateway managers, administrators): the list then links to the form.</summary>
    public bool CanRegister => Permissions.Allows(caller, Permission.RegisterEntitlements);

    /// <summary>Whether the caller reassigns tenants (administrators): the list then has ticks and the reassign bar.</summary>
    public bool CanReassign => Permissions.Allows(caller, Permission.ManageUsers);

    /// <summary>The enabled managers of the caller's scope, for the reassign bar.</summary>
    public IReadOnlyList<ManageUsers.UserRow> Managers { get; private set; } = [];

    /// <summary>Who may join an account team (enabled engineers, architects and gateway managers), for the administrator's bar.</summary>
    public IReadOnlyList<ManageUsers.UserRow> TeamCandidates { get; private set; } = [];

    /// <summary>A reassignment just made: how many tenants, to whom.</summary>
    public (int Count, string Manager)? Reassigned { get; private set; }

    /// <summary>How many tenants' account team whom just joined, after "Add to account team".</summary>
    public (int Count, string Member)? Teamed { get; private set; }

    public sealed class SaveForm
    {
        public string? Name { get; set; }

        public bool Shared { get; set; }

        public string? Query { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Permissions.Allows(caller, Permission.ReadTenants))
        {
            return Forbid();
        }

        var filter = TenantListParameters.Filter(Request.Query, PageParameter, SavedParameter, ReassignedParameter, ReassignedToParameter,
            TeamParameter, TeamMemberParameter);
        var page = TenantListParameters.Number(Request.Query, PageParameter, 1);
        if (!filter.Succeeded || !page.Succeeded)
        {
            Error = (filter.Refusal ?? page.Refusal)!.Message(Lang);
            await LoadViewsAsync(ct);
            return Page();
        }

        Filter = filter.Value;
        await ListAsync(page.Value, ct);
        await LoadViewsAsync(ct);
        if (long.TryParse(Request.Query[SavedParameter], NumberStyles.None, CultureInfo.InvariantCulture, out var saved))
        {
            Saved = Views.FirstOrDefault(v => v.Id == saved && v.IsMine);
        }

        if (int.TryParse(Request.Query[ReassignedParameter], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && Request.Query[ReassignedToParameter].ToString() is { Length: > 0 } to)
        {
            Reassigned = (count, to);
        }

        if (int.TryParse(Request.Query[TeamParameter], NumberStyles.None, CultureInfo.InvariantCulture, out var teamed)
            && Request.Query[TeamMemberParameter].ToString() is { Length: > 0 } member)
        {
            Teamed = (teamed, member);
        }

        return Page();
    }

    /// <summary>
    /// Reassigns the ticked tenants to one manager, all or none (the same use case as POST /api/v1/tenants/assignments);
    /// then the list opens again as it was, saying how many went to whom.
    /// </summary>
    public async Task<IActionResult> OnPostReassignAsync(CancellationToken ct)
    {
        var result = await assign.HandleAsync(new AssignTenant.BulkRequest(Reassign.Ids, Reassign.Manager), ct);
        return await AfterBulkAsync(result, ReassignedParameter, ReassignedToParameter, result.Succeeded ? result.Value[0].ManagerName : null, ct);
    }

    /// <summary>
    /// Puts one person on the account team of the ticked tenants, all or none (the same use case as
    /// POST /api/v1/tenants/account-team); then the list opens again as it was, saying how many.
    /// </summary>
    public async Task<IActionResult> OnPostTeamAsync(CancellationToken ct)
    {
        var result = await changeTeam.HandleAsync(new ChangeAccountTeam.Request(Reassign.Ids, Reassign.Member), ct);
        return await AfterBulkAsync(result, TeamParameter, TeamMemberParameter, Reassign.Member?.Trim(), ct);
    }

    /// <summary>
    /// After a change of the ticked tenants: the list as it was, saying how many went to whom; or the refusal above the same
    /// list.
    /// </summary>
    private async Task<IActionResult> AfterBulkAsync(Result<IReadOnlyList<Tenant>> result, string countParameter, string whoParameter, string? who,
        CancellationToken ct)
    {
        var filter = TenantListQuery.Parse(Reassign.Query ?? "");
        Filter = filter.Succeeded ? filter.Value : new TenantFilter();
        if (result.Succeeded)
        {
            var done = TenantListQuery.ToQuery(Filter, (countParameter, result.Value.Count.ToString(CultureInfo.InvariantCulture)), (whoParameter, who));
            return Redirect(Address(done));
        }

        if (this.Forbidden(result.Refusal) is { } forbidden)
        {
            return forbidden;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        ModelState.AddModelError("Reassign", result.Refusal.Message(Lang));
        await ListAsync(1, ct);
        await LoadViewsAsync(ct);
        return Page();
    }

    /// <summary>Saves the filters shown under a name; then the list opens again with them, confirming the save.</summary>
    public async Task<IActionResult> OnPostSaveViewAsync(CancellationToken ct)
    {
        var result = await save.HandleAsync(new SaveView.Request(Form.Name, Form.Query, Form.Shared), ct);
        if (result.Succeeded)
        {
            var query = TenantListQuery.Join([(SavedParameter, result.Value.Id.ToString(CultureInfo.InvariantCulture))]);
            return Redirect(SavedViewsApi.Url(result.Value.Query) + (result.Value.Query.Length == 0 ? "?" : "&") + query);
        }

        if (this.Forbidden(result.Refusal) is { } forbidden)
        {
            return forbidden;
        }

        // Shown with the list the form was sent from, the name as typed and the reason next to it.
        this.AddToForm(result.Refusal);
        var filter = TenantListQuery.Parse(Form.Query ?? "");
        Filter = filter.Succeeded ? filter.Value : new TenantFilter();
        await ListAsync(1, ct);
        await LoadViewsAsync(ct);
        return Page();
    }

    private async Task ListAsync(int page, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ListTenants.Request(Filter, page, Paging.DefaultPageSize), ct);
        if (result.Succeeded)
        {
            Result = result.Value;
        }
        else
        {
            Error = result.Refusal.Message(Lang);
        }
    }

    private async Task LoadViewsAsync(CancellationToken ct)
    {
        var result = await views.HandleAsync(ct);
        Views = result.Succeeded ? result.Value : [];
        if (CanReassign)
        {
            var managers = await manage.FindAsync(new ManageUsers.Query(Role: Role.Manager, State: UserState.Active, PageSize: Paging.MaxPageSize), ct);
            Managers = managers.Succeeded ? managers.Value.Items : [];
            var candidates = new List<ManageUsers.UserRow>();
            foreach (var role in (Role[])[Role.Engineer, Role.Architect, Role.Gateway])
            {
                var found = await manage.FindAsync(new ManageUsers.Query(Role: role, State: UserState.Active, PageSize: Paging.MaxPageSize), ct);
                candidates.AddRange(found.Succeeded ? found.Value.Items : []);
            }

            TeamCandidates = candidates;
        }
    }

    /// <summary>The canonical query string of what is shown (a saved view's query).</summary>
    public string Query => TenantListQuery.ToQuery(Filter);

    public string Link(params (string Name, string? Value)[] extra) => Address(TenantListQuery.ToQuery(Filter, extra));

    public static string Address(string query) => query.Length == 0 ? "/tenants" : "/tenants?" + query;

    public string SortLink(string key) => Address(TenantListQuery.ToQuery(Filter with { Sort = key, Descending = key == Filter.Sort && !Filter.Descending }));

    public string? AriaSort(string key) => key != Filter.Sort ? null : Filter.Descending ? "descending" : "ascending";

    public Pager Pager => new(Result.Rows.PageNumber, Result.Rows.PageCount,
        n => Link((PageParameter, n.ToString(CultureInfo.InvariantCulture))), Result.TotalIsAtLeast);

    /// <summary>How many conditions are active (the filter panel's summary says so).</summary>
    public int Active => Chips.Count;

    /// <summary>Every active condition, one chip per value, each removable on its own.</summary>
    public IReadOnlyList<Chip> Chips => _chips ??= [.. BuildChips()];

    private List<Chip>? _chips;

    private IEnumerable<Chip> BuildChips()
    {
        var pairs = TenantListQuery.Pairs(Filter);
        foreach (var (name, value) in pairs)
        {
            if (name is "sort" or "desc" or "staleDays")
            {
                continue;
            }

            // Without the value; and without the number of days when the last condition that reads it goes.
            var without = pairs.Where(p => p != (name, value) && !(p.Name == "staleDays" && name == "hygiene" && value == "NotUpdated"));
            yield return new Chip(ChipLabel(name, value), Address(TenantListQuery.Join(without.Select(p => (p.Name, (string?)p.Value)))));
        }
    }

    private string ChipLabel(string name, string value) => name switch
    {
        "q" => text["TenantListChip", text["TenantListSearchChip"], value],
        "mine" => text["TenantListMineChip"],
        "tag" => text["TenantListChip", text["ColTag"], "#" + value],
        "hygiene" when value == "NotUpdated" => text["TenantListChip", text["TenantListHygiene"],
            text["TenantListNotUpdatedFor", Filter.StaleDays.ToString("N0", CultureInfo.CurrentCulture)]],
        _ => text["TenantListChip", FilterLabel(name), ValueLabel(name, value)],
    };

    /// <summary>A filter's name as the panel shows it.</summary>
    public string FilterLabel(string name) => name switch
    {
        "l1" => text["ColL1"],
        "l2" => text["ColL2"],
        "workload" => text["ColWorkload"],
        "grade" => text["TenantListGrade"],
        "hygiene" => text["TenantListHygiene"],
        "priority" => text["ColPriority"],
        "country" => text["ColCountry"],
        "region" => text["ColRegion"],
        "manager" => text["ColManager"],
        "tag" => text["ColTag"],
        _ => name,
    };

    /// <summary>A value of a filter in the reader's language.</summary>
    public string ValueLabel(string name, string value) => name switch
    {
        "l1" => StatusTaxonomy.Default.FindL1(value)?.Name.Get(Lang) ?? value,
        "l2" => StatusTaxonomy.Default.FindL2(value)?.Name.Get(Lang) ?? value,
        "workload" => value + " " + workloads.Find(value)?.Name.Get(Lang),
        "grade" => text["Grade" + value],
        "hygiene" => text["Hygiene" + value],
        "priority" => text["Priority" + value],
        "country" => Countries.Name(value),
        "region" => Countries.Region(value),
        _ => value,
    };

    /// <summary>The countries in the order of their names in the reader's language.</summary>
    public IEnumerable<Country> CountriesByName => Infrastructure.Countries.ByName();

    /// <summary>The status mix said in words, the text alternative of its bar.</summary>
    public string MixText(ListTenants.Row row) => row.StatusMix.Count == 0
        ? text["TenantListNoEntitlements"]
        : string.Join(text["TenantListMixSeparator"], row.StatusMix.Select(m =>
            text["TenantListChip", StatusTaxonomy.Default.FindL1(m.L1)?.Name.Get(Lang) ?? m.L1, m.Count.ToString("N0", CultureInfo.CurrentCulture)].Value));

    /// <summary>The sort keys with their labels, for the sort choice of the filter panel (the table's headers sort too).</summary>
    public IEnumerable<(string Key, string Label)> SortChoices => ListTenants.SortKeys.Select(k => (k, (string)text["TenantListSort_" + k]));

    public static Priority[] Priorities => Enum.GetValues<Priority>();

    public static IReadOnlyList<string> Grades => [.. Enum.GetNames<NoteCoach.Grade>()];
}
