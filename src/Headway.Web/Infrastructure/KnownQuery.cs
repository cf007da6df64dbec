using System.Reflection;
using Headway.Domain.Results;
using Headway.Web.Features.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace Headway.Web.Infrastructure;

/// <summary>
/// Refuses a query parameter the endpoint does not take (400 UnknownParameter naming it), so that a misspelt filter is
/// an error rather than a silently unfiltered answer. The parameters taken are read from the handler's signature: its
/// simple-typed parameters by name (a route value's name too, which a query never needs) or by their <see cref="FromQueryAttribute"/> name.
/// </summary>
public static class KnownQuery
{
    public static RouteHandlerBuilder RejectUnknownQuery(this RouteHandlerBuilder builder) => builder.ProducesProblem(StatusCodes.Status400BadRequest)
        .AddEndpointFilterFactory((factory, next) =>
    {
        // The reader's language may be chosen on any request (HeadwayCultures).
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { TenantListParameters.Language };
        foreach (var p in factory.MethodInfo.GetParameters())
        {
            if (p.GetCustomAttribute<FromQueryAttribute>() is { Name: { } name })
            {
                known.Add(name);
            }
            else if (IsSimple(p.ParameterType) && p.Name is { } plain)
            {
                known.Add(plain);
            }
        }

        return context =>
        {
            foreach (var key in context.HttpContext.Request.Query.Keys)
            {
                if (!known.Contains(key))
                {
                    return ValueTask.FromResult<object?>(Problems.From(Refusal.ForField(key, RefusalCodes.UnknownParameter, key,
                        string.Join(", ", known.Order(StringComparer.Ordinal)))));
                }
            }

            return next(context);
        };
    });

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTimeOffset)
            || t == typeof(DateTime) || t == typeof(Guid) || t == typeof(string[]);
    }
}
