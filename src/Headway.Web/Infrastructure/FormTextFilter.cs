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
        if (request.HasFormContentType && context.HandlerInstance is not Features.Errors.IndexModel)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // The framework's form reader refuses a NUL before any field can be named.
                Refuse(context, Refusal.Of(RefusalCodes.FormUnreadable));
                return;
            }

            foreach (var (name, values) in form)
            {
                foreach (var value in values)
                {
                    if (TextRules.Check(name, value) is { } refusal)
                    {
                        Refuse(context, refusal);
                        return;
                    }
                }
            }
        }

        await next();
    }

    private static void Refuse(PageHandlerExecutingContext context, Refusal refusal)
    {
        context.HttpContext.Items[ErrorResponses.RefusalItem] = refusal;
        context.Result = new StatusCodeResult(Problems.StatusOf(refusal.Code));
    }
}
