using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecureApi.Sample.Features;

/// <summary>
/// <c>GET /health</c>: the overall status and each registered check's name and status as JSON
/// (for example the <c>redis</c> check that <c>AddRedis()</c> registers). 200 when healthy or degraded, 503 when unhealthy.
/// </summary>
internal static class HealthSample
{
    public static void MapHealth(WebApplication app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJsonAsync });

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        // Names and statuses only: a check's description or exception can carry host names and ports,
        // which a public endpoint must not reveal.
        var body = new HealthBody(
            report.Status.ToString(),
            [.. report.Entries.Select(e => new HealthCheckBody(e.Key, e.Value.Status.ToString()))]);
        return context.Response.WriteAsJsonAsync(body, JsonSerializerOptions.Web, "application/json; charset=utf-8", context.RequestAborted);
    }

    private sealed record HealthBody(string Status, IReadOnlyList<HealthCheckBody> Checks);

    private sealed record HealthCheckBody(string Name, string Status);
}
