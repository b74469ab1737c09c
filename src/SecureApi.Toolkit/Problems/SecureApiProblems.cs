using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SecureApi.Toolkit.Problems;

/// <summary>
/// Writes RFC 9457 problem+json rejections with a stable <c>type</c> per reason. A rejection states the reason
/// code only: it never echoes the credential, signature or value that failed.
/// </summary>
public static class SecureApiProblems
{
    /// <summary>The prefix of every SecureApi problem type; the reason code follows it.</summary>
    public const string TypePrefix = "urn:secureapi:problem:";

    /// <summary>Writes a problem+json response and completes the request.</summary>
    /// <param name="context">The request.</param>
    /// <param name="statusCode">The HTTP status, for example 401, 403 or 429.</param>
    /// <param name="reason">The stable reason code; the problem type is <see cref="TypePrefix"/> plus it, unless <paramref name="typeUri"/> is given.</param>
    /// <param name="title">A short, human-readable summary that contains no request data.</param>
    /// <param name="typeUri">An explicit problem type URI, for registered types such as the IETF rate-limit ones.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public static Task WriteAsync(HttpContext context, int statusCode, string reason, string title, string? typeUri = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = new ProblemDetails
        {
            Status = statusCode,
            Type = typeUri ?? TypePrefix + reason,
            Title = title,
        };
        problem.Extensions["reason"] = reason;
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }
}
