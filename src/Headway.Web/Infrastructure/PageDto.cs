namespace Headway.Web.Infrastructure;

// One page of a list answered by the API: the items, which page, its size and how many there are in all. A line
// comment, not an XML one: the OpenAPI document takes XML summaries as schema descriptions, and the contract
// describes this schema as it stands.
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
