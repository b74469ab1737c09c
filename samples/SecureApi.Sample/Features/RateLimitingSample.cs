using SecureApi.Toolkit;
using SecureApi.Toolkit.RateLimiting;

namespace SecureApi.Sample.Features;

/// <summary>
/// Rate limiting: per-caller limits on the report and search endpoints, a second, narrower policy on search, and a
/// weighted export. Partitioned by the caller (<c>HttpContext.GetApiCaller().Id</c>); on Redis when it is configured.
/// The customers and orders endpoints are left unlimited so the rest of the tour is unaffected.
/// </summary>
internal static class RateLimitingSample
{
    public static void AddRateLimiting(SecureApiBuilder api)
    {
        api.AddRateLimiting(Configure);

        // Settings under SecureApi:RateLimiting (for example StoreTimeout) override the ones below: the tests that run
        // the tour on a real Redis on a loaded machine give the store more time than a developer's run needs.
        api.Services.AddOptions<RateLimitingOptions>().BindConfiguration("SecureApi:RateLimiting");
    }

    public static void MapRateLimiting(WebApplication app)
    {
        var reports = app.MapGroup("/reports");
        reports.MapGet("/daily", () => TypedResults.Ok(new { report = "daily", generated = "2026-01-01" }))
            .RequireRateLimit("reports-burst");
        reports.MapGet("/list", () => TypedResults.Ok(new[] { "daily", "monthly" }))
            .RequireRateLimit("report-budget");
        reports.MapPost("/export", () => TypedResults.Accepted("/reports/export/1", new { export = 1 }))
            .RequireRateLimit("report-budget", cost: 4);
        app.MapGet("/search", (string? q) => TypedResults.Ok(new { query = q, results = Array.Empty<string>() }))
            .RequireRateLimit("search-minute", "search-burst");
    }

    private static void Configure(RateLimitingOptions o)
    {
        // 250 ms, the default store timeout, stated here because the tour depends on it.
        o.StoreTimeout = TimeSpan.FromMilliseconds(250);

        // A smooth 5 per minute with bursts up to 5 (GCRA, the default algorithm).
        o.AddGcra("reports-burst", 5, TimeSpan.FromMinutes(1));

        // Search: a wide per-minute budget and a narrow burst guard; both are checked, all or nothing.
        o.AddGcra("search-minute", 100, TimeSpan.FromMinutes(1));
        o.AddSlidingWindow("search-burst", 3, TimeSpan.FromSeconds(10));

        // Exports cost 4 of a 10-token bucket that refills over a minute; the cheap listing costs 1 of the same bucket.
        o.AddTokenBucket("report-budget", 10, TimeSpan.FromMinutes(1)).FailMode = RateLimitFailMode.LocalFallback;
    }
}
