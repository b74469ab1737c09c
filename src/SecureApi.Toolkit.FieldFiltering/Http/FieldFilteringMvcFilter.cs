using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Diagnostics;
using SecureApi.Toolkit.FieldFiltering.Json;
using SecureApi.Toolkit.FieldFiltering.Rules;
using SecureApi.Toolkit.Problems;

namespace SecureApi.Toolkit.FieldFiltering.Http;

/// <summary>
/// MVC side of field filtering. Before the action (and before <c>[ApiController]</c>'s automatic 400, which would
/// echo the JSON path of the refused property) it answers a refused write with the package's own problem; before
/// a result is written it refuses a <see cref="JsonResult"/> whose serializer options skip field filtering.
/// </summary>
internal sealed class FieldFilteringMvcFilter(IOptions<FieldFilteringOptions> options, FieldRuleCatalog catalog, ILogger<FieldFilteringMvcFilter> logger)
    : IAsyncActionFilter, IAsyncResultFilter
{
    // ModelStateInvalidFilter runs at -2000; this must run first.
    public const int Order = int.MinValue + 100;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var scope = FieldFilterScope.Current;
        if (scope is not null && scope.ForbiddenWriteAttempted && options.Value.ForbiddenWrites == ForbiddenWriteHandling.Reject)
        {
            await FieldFilteringMiddleware.WriteForbiddenWriteAsync(context.HttpContext).ConfigureAwait(false);
            context.Result = new EmptyResult();
            return;
        }

        await next().ConfigureAwait(false);
    }

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is JsonResult { Value: { } value, SerializerSettings: JsonSerializerOptions serializerOptions }
            && !FieldFilteringTypeInfoResolver.IsFiltering(serializerOptions)
            && ClassifiedTypes.Reaches(catalog, value.GetType()))
        {
            FieldFilteringLog.UnfilteredSerialization(logger, value.GetType().Name);
            await SecureApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status500InternalServerError, "unfiltered-serialization", "The response could not be produced.").ConfigureAwait(false);
            context.Cancel = true;
            return;
        }

        await next().ConfigureAwait(false);
    }
}
