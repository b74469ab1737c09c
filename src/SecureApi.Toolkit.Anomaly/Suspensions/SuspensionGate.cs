using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SecureApi.Toolkit.Problems;

namespace SecureApi.Toolkit.Anomaly.Suspensions;

/// <summary>
/// Refuses suspended and deny-listed callers from this instance's cache, never from the store. With no suspension in
/// force and no deny-list, a request costs one field read and is not even resolved to a caller.
/// </summary>
internal sealed class SuspensionGate(SuspensionCache cache, CallerLists lists, AnomalyMetrics metrics)
{
    /// <summary>The IETF draft problem type for a client refused after abnormal usage.</summary>
    public const string AbnormalUsageType = "https://iana.org/assignments/http-problem-types#abnormal-usage-detected";

    /// <summary>
    /// The 429 body, serialized once: the same problem document <c>SecureApiProblems.WriteAsync</c> writes, but a
    /// suspended client hammering the API must cost as little as possible, so it is not serialized per request.
    /// </summary>
    internal static readonly byte[] SuspendedBody = JsonSerializer.SerializeToUtf8Bytes(new ProblemDetails
    {
        Type = AbnormalUsageType,
        Title = "Abnormal usage detected; the client is suspended for a cool-down.",
        Status = StatusCodes.Status429TooManyRequests,
        Extensions = { ["reason"] = "abnormal-usage-detected" },
    });

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (cache.IsEmpty && !lists.HasDenyList)
        {
            return next(context);
        }

        var caller = context.GetApiCaller();
        if (lists.IsAllowed(caller.Id, caller.RemoteAddress))
        {
            return next(context);
        }

        if (lists.IsDenied(caller.Id, caller.RemoteAddress))
        {
            metrics.Rejected("denied");
            return SecureApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "caller-denied", "The caller is not allowed to use this API.");
        }

        if (cache.TryGet(caller.Id, out _, out var remaining))
        {
            metrics.Rejected("suspended");
            var seconds = Math.Max(1, (long)Math.Ceiling(remaining.TotalSeconds));
            var response = context.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            response.ContentType = "application/problem+json";
            response.ContentLength = SuspendedBody.Length;
            return response.Body.WriteAsync(SuspendedBody, context.RequestAborted).AsTask();
        }

        return next(context);
    }
}
