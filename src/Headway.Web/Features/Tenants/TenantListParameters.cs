using System.Globalization;
using System.Text.Json.Nodes;
using Headway.Application.Tenants;
using Headway.Domain.Results;
using Microsoft.OpenApi;

namespace Headway.Web.Features.Tenants;

/// <summary>
/// The tenant list's query string as the page, the API and the export read it: the filter parameters of
/// <see cref="TenantListQuery"/>, the page number, and <c>lang</c>, which chooses the language everywhere. Any other
/// parameter is refused by name, so a misspelt filter never quietly shows the whole list. The OpenAPI document
/// describes the same parameters, with their allowed values, from the same list.
/// </summary>
public static class TenantListParameters
{
    /// <summary>The language parameter every page and endpoint accepts (see HeadwayCultures).</summary>
    public const string Language = "lang";

    /// <summary>The filter of a request's query string; <paramref name="alsoAllowed"/> are the other parameters the caller reads.</summary>
    public static Result<TenantFilter> Filter(IQueryCollection query, params string[] alsoAllowed) =>
        TenantListQuery.Parse(query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v))), [.. alsoAllowed, Language]);

    /// <summary>A whole number of at least 1 from the query string, or <paramref name="fallback"/> when it is not there.</summary>
    public static Result<int> Number(IQueryCollection query, string name, int fallback)
    {
        var text = query[name].ToString().Trim();
        if (text.Length == 0)
        {
            return Result<int>.Ok(fallback);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? Result<int>.Ok(n)
            : Refusal.ForField(name, RefusalCodes.UnknownFilterValue, name, text, "1, 2, 3, …");
    }

    /// <summary>Replaces an operation's parameters with the tenant list's, each with its allowed values.</summary>
    public static void Describe(OpenApiOperation operation, params OpenApiParameter[] extra)
    {
        operation.Parameters = [.. TenantListQuery.Parameters.Select(Describe), .. extra, Query(Language, new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. Domain.Taxonomy.SupportedLanguages.All.Select(l => (JsonNode)JsonValue.Create(l))],
        }, "The language of the problem messages and of country and region names (the order of sort=country and sort=region).")];
        operation.Parameters.Insert(1, Query(TenantListQuery.SearchAlias, new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Application.Search.SearchAll.MaxQuery },
            "The old name of q.", deprecated: true));
    }

    /// <summary>The page number and size of the API's list.</summary>
    public static OpenApiParameter[] Paging() =>
    [
        Query("page", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" }, "The page, from 1 (default 1)."),
        Query("pageSize", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Application.Paging.MaxPageSize.ToString(CultureInfo.InvariantCulture) },
            string.Create(CultureInfo.InvariantCulture, $"Tenants per page (default {Application.Paging.DefaultPageSize}, at most {Application.Paging.MaxPageSize}).")),
        Query(Infrastructure.PageLinks.Parameter, new OpenApiSchema { Type = JsonSchemaType.String }, Infrastructure.PageLinks.Description),
    ];

    public static OpenApiParameter Query(string name, OpenApiSchema schema, string description, bool deprecated = false) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = schema,
        Deprecated = deprecated,
    };

    private static OpenApiParameter Describe(TenantListQuery.Parameter p)
    {
        OpenApiSchema value = p.Kind switch
        {
            TenantListQuery.Kind.Choice => new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. p.Choices.Select(c => (JsonNode)JsonValue.Create(c))],
            },
            TenantListQuery.Kind.Code => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9]{2,20}$" },
            TenantListQuery.Kind.Flag => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            TenantListQuery.Kind.Number => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "3650" },
            _ => new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = MaxLength(p.Name) },
        };
        var parameter = Query(p.Name, p.Repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = value } : value, p.Description);
        if (p.Repeatable)
        {
            parameter.Style = ParameterStyle.Form;
            parameter.Explode = true;
        }

        return parameter;
    }

    private static int MaxLength(string name) => name switch
    {
        "q" => Application.Search.SearchAll.MaxQuery,
        "tag" => TenantListQuery.MaxTag,
        _ => TenantListQuery.MaxManager,
    };
}
