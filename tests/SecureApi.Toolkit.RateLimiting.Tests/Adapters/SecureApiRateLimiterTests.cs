using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace SecureApi.Toolkit.RateLimiting.Tests.Adapters;

public class SecureApiRateLimiterTests
{
    [Fact]
    public async Task AddSecureApiPolicy_OnAspNetCoreRateLimiter_EnforcesSecureApiPolicies()
    {
        await using var app = await StartAsync(
            limiter => limiter.AddSecureApiPolicy("api", "per-caller", "burst"),
            endpoints => endpoints.MapGet("/", () => "ok").RequireRateLimiting("api"));
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        var refused = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task CreateSecureApiLimiter_AsGlobalLimiter_SharesTheToolkitStore()
    {
        // On /toolkit the toolkit's own middleware counts "burst" (2 a minute) first, then the global adapter counts it
        // again, for the same caller: with one shared store the two draw on one budget.
        await using var app = await StartAsync(
            limiter => limiter.GlobalLimiter = SecureApiRateLimiterOptionsExtensions.CreateSecureApiLimiter("burst"),
            endpoints =>
            {
                endpoints.MapGet("/", () => "ok");
                endpoints.MapGet("/toolkit", () => "ok").RequireRateLimit("burst");
            },
            toolkitMiddleware: true);
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        var both = await client.GetAsync(new Uri("/toolkit", UriKind.Relative));

        // The permit the adapter took is missing from the toolkit's count (a store of its own would say r=1)...
        Assert.Equal("\"burst\";r=0;t=60", both.Headers.GetValues("RateLimit").Single());

        // ...and the one the toolkit then took is missing from the adapter's: ASP.NET Core's limiter refuses (the
        // toolkit's own refusal would carry a problem+json body).
        Assert.Equal(HttpStatusCode.TooManyRequests, both.StatusCode);
        Assert.Empty(await both.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Limiter_ConcurrencyLease_ReleasedOnDispose()
    {
        await using var app = await StartAsync(_ => { }, endpoints => endpoints.MapGet("/", () => "ok"));
        using var limiter = SecureApiRateLimiterOptionsExtensions.CreateSecureApiLimiter("inflight");
        var context = new DefaultHttpContext { RequestServices = app.Services };

        using (var first = await limiter.AcquireAsync(context))
        {
            Assert.True(first.IsAcquired);
            using var second = await limiter.AcquireAsync(context);
            Assert.False(second.IsAcquired);
            Assert.True(second.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
            Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);
        }

        using var third = limiter.AttemptAcquire(context);
        Assert.True(third.IsAcquired);
        Assert.Equal(0, limiter.GetStatistics(context)?.CurrentAvailablePermits);
    }

    private static async Task<WebApplication> StartAsync(Action<RateLimiterOptions> limiter, Action<WebApplication> endpoints, bool toolkitMiddleware = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)));
        builder.Services.AddSecureApi(api => api.AddRateLimiting(o =>
        {
            o.AddGcra("per-caller", 100, TimeSpan.FromMinutes(1));
            o.AddFixedWindow("burst", 2, TimeSpan.FromMinutes(1));
            o.AddConcurrency("inflight", 1, TimeSpan.FromMinutes(1));
        }));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            limiter(o);
        });
        var app = builder.Build();
        app.UseRouting();
        if (toolkitMiddleware)
        {
            app.UseRateLimiting();
        }

        app.UseRateLimiter();
        endpoints(app);
        await app.StartAsync();
        return app;
    }
}
