using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Diagnostics;
using SecureApi.Toolkit.FieldFiltering.Rules;
using SecureApi.Toolkit.Problems;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.FieldFiltering.Http;

/// <summary>
/// Opens the request's filter scope (the caller's permissions are read on first use, after authentication), reads
/// the field selection, turns a refused write into 400 problem+json and records the per-response counts.
/// </summary>
internal sealed class FieldFilteringMiddleware(RequestDelegate next, IOptions<FieldFilteringOptions> options, FieldFilteringMetrics metrics, ILogger<FieldFilteringMiddleware> logger)
{
    public const string ForbiddenWriteReason = "forbidden-field-write";
    public const string ForbiddenWriteTitle = "The request body sets a property the caller is not permitted to set.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (FieldFilterScope.Current?.HttpContext == context)
        {
            // Registered twice (start-up filter and UseFieldFiltering): one scope per request.
            await next(context).ConfigureAwait(false);
            return;
        }

        var o = options.Value;
        var scope = new FieldFilterScope(context);
        if (o.EnableFieldSelection && context.Request.Query.TryGetValue(o.FieldSelectionQueryParameter, out var fields))
        {
            scope.Selection = FieldSelection.Parse(string.Join(',', fields.ToArray()), o.MaxSelectedFields);
        }

        using (FieldFilterScope.Enter(scope))
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException) when (scope.ForbiddenWriteAttempted && o.ForbiddenWrites == ForbiddenWriteHandling.Reject && !context.Response.HasStarted)
            {
                // Minimal APIs rethrow body errors when ThrowOnBadRequest is on (Development); answer as usual.
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            if (scope.ForbiddenWriteAttempted)
            {
                metrics.ForbiddenWrite();
                FieldFilteringLog.ForbiddenWrite(logger, o.ForbiddenWrites);
                if (o.ForbiddenWrites == ForbiddenWriteHandling.Reject)
                {
                    context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.BadRequest, ForbiddenWriteReason, 1, null));
                    if (!context.Response.HasStarted && context.Response.StatusCode == StatusCodes.Status400BadRequest)
                    {
                        await WriteForbiddenWriteAsync(context).ConfigureAwait(false);
                    }
                }
            }

            if (scope.Removed + scope.Masked > 0 || scope.IsCaptured)
            {
                metrics.RecordResponse(scope.Removed, scope.Masked);
            }
        }
    }

    public static Task WriteForbiddenWriteAsync(HttpContext context)
    {
        return SecureApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, ForbiddenWriteReason, ForbiddenWriteTitle);
    }
}
