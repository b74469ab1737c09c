using System.Text.Json;
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

    /// <summary>
    /// Writes a problem+json response with extension members and completes the request. The body is written straight
    /// to the response with a <see cref="Utf8JsonWriter"/>; with a static <paramref name="writeExtensions"/> and the
    /// data passed as <paramref name="state"/>, nothing is captured or serialized by reflection.
    /// </summary>
    /// <typeparam name="TState">The data the extension members are written from.</typeparam>
    /// <param name="context">The request.</param>
    /// <param name="statusCode">The HTTP status, for example 401, 403 or 429.</param>
    /// <param name="reason">The stable reason code; the problem type is <see cref="TypePrefix"/> plus it, unless <paramref name="typeUri"/> is given.</param>
    /// <param name="title">A short, human-readable summary that contains no request data.</param>
    /// <param name="typeUri">An explicit problem type URI, for registered types such as the IETF rate-limit ones; <see langword="null"/> for the default.</param>
    /// <param name="state">Passed to <paramref name="writeExtensions"/>.</param>
    /// <param name="writeExtensions">
    /// Writes zero or more extension members (property name and value) into the open problem object, after
    /// <c>type</c>, <c>title</c>, <c>status</c> and <c>reason</c>, which it must not repeat. Like the title, they must contain no request data.
    /// </param>
    /// <returns>A task that completes when the response is written.</returns>
    public static async Task WriteWithExtensionsAsync<TState>(HttpContext context, int statusCode, string reason, string title, string? typeUri, TState state, Action<Utf8JsonWriter, TState> writeExtensions)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(writeExtensions);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/problem+json";
        // Over a PipeWriter, disposing only commits the buffered bytes to the pipe; the flush below sends them.
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("type", typeUri ?? TypePrefix + reason);
            writer.WriteString("title", title);
            writer.WriteNumber("status", statusCode);
            writer.WriteString("reason", reason);
            writeExtensions(writer, state);
            writer.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
