using Headway.Domain.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Headway.Web.Infrastructure;

/// <summary>
/// Every posted page form passes <see cref="TextRules"/> before its handler runs: a field holding a control or
/// direction-override character answers the error page (400, the message naming the field) and changes nothing.
/// Query strings and route values are checked earlier for every request (<see cref="RequestGuard"/>).
/// </summary>
public sealed class FormTextFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.HasFormContentType)
        {
            foreach (var (name, values) in await request.ReadFormAsync(context.HttpContext.RequestAborted))
            {
                foreach (var value in values)
                {
                    if (TextRules.Check(name, value) is { } refusal)
                    {
                        context.HttpContext.Items[ErrorResponses.RefusalItem] = refusal;
                        context.Result = new StatusCodeResult(Problems.StatusOf(refusal.Code));
                        return;
                    }
                }
            }
        }

        await next();
    }
}
