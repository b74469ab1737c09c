using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Tests.Middleware;

public class RateLimitingMiddlewareTests
{
    [Fact]
    public async Task Invoke_BurstOverLimit_Refuses429WithHeadersAndProblem()
    {
        await using var host = await RateLimitTestHost.StartAsync(o =>
        {
            o.AddGcra("per-caller", 3, TimeSpan.FromSeconds(60));
            o.GlobalPolicies.Add("per-caller");
        });

        var first = await host.GetAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"per-caller\";q=3;w=60", Header(first, "RateLimit-Policy"));
        Assert.Equal("\"per-caller\";r=2;t=20", Header(first, "RateLimit"));
        await host.GetAsync();
        await host.GetAsync();

        var refused = await host.GetAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("20", Header(refused, "Retry-After"));
        Assert.Equal("\"per-caller\";r=0;t=60", Header(refused, "RateLimit"));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("https://iana.org/assignments/http-problem-types#quota-exceeded", problem.RootElement.GetProperty("type").GetString());
        Assert.Contains("per-caller", problem.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(new[] { "per-caller" }, Policies(problem));

        // Another caller has its own partition.
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync(ip: "203.0.113.2")).StatusCode);
    }

    [Fact]
    public async Task Invoke_RetryAfterFraction_RoundsUp()
    {
        await using var host = await RateLimitTestHost.StartAsync(o =>
        {
            o.AddGcra("p", 3, TimeSpan.FromSeconds(1));
            o.GlobalPolicies.Add("p");
        });
        for (var i = 0; i < 3; i++)
        {
            await host.GetAsync();
        }

        Assert.Equal("1", Header(await host.GetAsync(), "Retry-After"));
    }

    [Fact]
    public async Task Invoke_SecondPolicyRefuses_ProblemNamesOnlyIt()
    {
        await using var host = await RateLimitTestHost.StartAsync(
            o =>
            {
                o.AddGcra("per-caller", 100, TimeSpan.FromMinutes(1));
                o.AddFixedWindow("search", 2, TimeSpan.FromMinutes(1));
                o.GlobalPolicies.Add("per-caller");
            },
            app => app.MapGet("/search", () => "found").RequireRateLimit("search"));

        await host.GetAsync("/search");
        await host.GetAsync("/search");
        var refused = await host.GetAsync("/search");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Rate limit exceeded: search", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(new[] { "search" }, Policies(problem));
        Assert.Equal("\"per-caller\";q=100;w=60, \"search\";q=2;w=60", Header(refused, "RateLimit-Policy"));
        Assert.Equal("\"per-caller\";r=98;t=2, \"search\";r=0;t=60", Header(refused, "RateLimit"));
    }

    [Fact]
    public async Task Invoke_TwoPoliciesRefuse_ProblemNamesBothAndNotTheShadow()
    {
        await using var host = await RateLimitTestHost.StartAsync(
            o =>
            {
                o.AddGcra("per-caller", 100, TimeSpan.FromMinutes(1));
                o.AddFixedWindow("search", 1, TimeSpan.FromMinutes(1));
                o.AddFixedWindow("burst", 1, TimeSpan.FromMinutes(1));
                o.AddFixedWindow("observed", 1, TimeSpan.FromMinutes(1)).Shadow = true;
                o.GlobalPolicies.Add("per-caller");
            },
            app => app.MapGet("/search", () => "found").RequireRateLimit("search", "burst", "observed"));

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/search")).StatusCode);
        var refused = await host.GetAsync("/search");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(new[] { "search", "burst" }, Policies(problem));
        Assert.Equal("rate-limited", problem.RootElement.GetProperty("reason").GetString());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Invoke_WeightedEndpoint_TakesCost()
    {
        await using var host = await RateLimitTestHost.StartAsync(
            o => o.AddTokenBucket("budget", 10, TimeSpan.FromMinutes(1)),
            app =>
            {
                app.MapGet("/cheap", () => "ok").RequireRateLimit("budget");
                app.MapGet("/export", () => "ok").RequireRateLimit("budget", cost: 4);
            });

        Assert.Equal("\"budget\";r=6;t=24", Header(await host.GetAsync("/export"), "RateLimit"));
        Assert.Equal("\"budget\";r=2;t=48", Header(await host.GetAsync("/export"), "RateLimit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/cheap")).StatusCode);
    }

    [Fact]
    public async Task Invoke_CostSelector_WinsOverEndpointCost()
    {
        await using var host = await RateLimitTestHost.StartAsync(
            o => o.AddFixedWindow("rows", 100, TimeSpan.FromMinutes(1)).CostSelector = http => long.Parse(http.Request.Query["take"].ToString(), System.Globalization.CultureInfo.InvariantCulture),
            app => app.MapGet("/rows", () => "ok").RequireRateLimit("rows", cost: 1));

        Assert.Equal("\"rows\";r=40;t=60", Header(await host.GetAsync("/rows?take=60"), "RateLimit"));
    }

    [Fact]
    public async Task Invoke_DisableRateLimiting_SkipsGlobalSet()
    {
        await using var host = await RateLimitTestHost.StartAsync(
            o =>
            {
                o.AddFixedWindow("p", 1, TimeSpan.FromMinutes(1));
                o.GlobalPolicies.Add("p");
            },
            app => app.MapGet("/health", () => "ok").DisableRateLimiting());

        for (var i = 0; i < 3; i++)
        {
            var response = await host.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit"));
        }
    }

    [Fact]
    public async Task Invoke_CustomPartitionKey_SharedAcrossCallers()
    {
        await using var host = await RateLimitTestHost.StartAsync(o =>
        {
            o.AddFixedWindow("tenant", 2, TimeSpan.FromMinutes(1)).PartitionKey = http => http.Request.Query["tenant"].FirstOrDefault();
            o.GlobalPolicies.Add("tenant");
        });

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/?tenant=acme", "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/?tenant=acme", "203.0.113.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/?tenant=acme", "203.0.113.3")).StatusCode);

        // No tenant: the partition function exempts the request.
        var exempt = await host.GetAsync("/", "203.0.113.3");
        Assert.Equal(HttpStatusCode.OK, exempt.StatusCode);
        Assert.False(exempt.Headers.Contains("RateLimit"));
    }

    [Fact]
    public async Task Invoke_ShadowPolicy_NeverRefusesAndHidesHeaders()
    {
        await using var host = await RateLimitTestHost.StartAsync(o =>
        {
            o.AddFixedWindow("trial", 1, TimeSpan.FromMinutes(1)).Shadow = true;
            o.GlobalPolicies.Add("trial");
        });

        for (var i = 0; i < 3; i++)
        {
            var response = await host.GetAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit"));
        }

        Assert.DoesNotContain(host.Signals.Signals, s => s.Kind == SecuritySignalKind.RateLimitRefused);
    }

    [Fact]
    public async Task Invoke_Signals_NearLimitAt80PercentThenRefused()
    {
        await using var host = await RateLimitTestHost.StartAsync(o =>
        {
            o.AddFixedWindow("p", 5, TimeSpan.FromMinutes(1));
            o.GlobalPolicies.Add("p");
        });

        for (var i = 0; i < 3; i++)
        {
            await host.GetAsync();
        }

        Assert.Empty(host.Signals.Signals);
        await host.GetAsync(); // 4 of 5 used: 80 %
        Assert.Equal(new SecuritySignal(SecuritySignalKind.RateLimitNearLimit, "p"), Assert.Single(host.Signals.Signals));
        await host.GetAsync();
        await host.GetAsync();
        Assert.Equal(new SecuritySignal(SecuritySignalKind.RateLimitRefused, "p", 1), host.Signals.Signals[^1]);
    }

    [Fact]
    public async Task Invoke_HeadersOnSuccessDisabled_OnlyOnRefusal()
    {
        await using var host = await RateLimitTestHost.StartAsync(o =>
        {
            o.AddFixedWindow("p", 1, TimeSpan.FromMinutes(1));
            o.GlobalPolicies.Add("p");
            o.HeadersOnSuccess = false;
        });

        Assert.False((await host.GetAsync()).Headers.Contains("RateLimit"));
        Assert.True((await host.GetAsync()).Headers.Contains("RateLimit"));
    }

    [Fact]
    public async Task Invoke_HashedPartitionKey_NeverRevealsKey()
    {
        await using var host = await RateLimitTestHost.StartAsync(o =>
        {
            o.AddFixedWindow("p", 5, TimeSpan.FromMinutes(1));
            o.GlobalPolicies.Add("p");
            o.HeaderPartitionKey = RateLimitHeaderPartitionKey.Hashed;
        });

        var value = Header(await host.GetAsync(ip: "198.51.100.7"), "RateLimit");
        Assert.Matches("^\"p\";r=4;t=60;pk=:[A-Za-z0-9+/]{16}:$", value);
        Assert.DoesNotContain("198.51.100.7", value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HashedPartitionKey_IsTheKeyedPseudonymTheLogsCarry()
    {
        var collector = new Microsoft.Extensions.Logging.Testing.FakeLogCollector();
        await using var host = await RateLimitTestHost.StartAsync(
            o =>
            {
                o.AddFixedWindow("p", 1, TimeSpan.FromMinutes(1));
                o.GlobalPolicies.Add("p");
                o.HeaderPartitionKey = RateLimitHeaderPartitionKey.Hashed;
            },
            services: s => s.AddLogging(b => b.AddProvider(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider(collector))));

        await host.GetAsync(ip: "198.51.100.7");
        var refused = await host.GetAsync(ip: "198.51.100.7");

        var pk = System.Text.RegularExpressions.Regex.Match(Header(refused, "RateLimit"), ";pk=:([^:]+):").Groups[1].Value;
        var logged = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 6001).GetStructuredStateValue("PartitionHash");
        var unkeyed = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("ip:198.51.100.7"))[..12];
        Assert.NotEqual(Convert.ToBase64String(unkeyed), pk);
        Assert.Equal(pk, logged);
        Assert.Equal(host.App.Services.GetRequiredService<SecureApi.Toolkit.Callers.CallerPseudonym>().For("ip:198.51.100.7"), pk);
    }

    [Fact]
    public async Task Invoke_Concurrency_LeaseReleasedWhenRequestEnds()
    {
        var gate = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        await using var host = await RateLimitTestHost.StartAsync(
            o => o.AddConcurrency("uploads", 1, TimeSpan.FromMinutes(1)),
            app =>
            {
                app.MapGet("/slow", async () =>
                {
                    entered.TrySetResult();
                    await gate.Task;
                    return "done";
                }).RequireRateLimit("uploads");
                app.MapGet("/fast", () => "done").RequireRateLimit("uploads");
            });

        var slow = host.GetAsync("/slow");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/fast")).StatusCode);
        gate.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await slow).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/fast")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/fast")).StatusCode);
    }

    [Fact]
    public async Task Invoke_UnknownPolicyOnEndpoint_FailsWithActionableMessage()
    {
        await using var host = await RateLimitTestHost.StartAsync(
            o => o.AddGcra("p", 1, TimeSpan.FromSeconds(1)),
            app => app.MapGet("/x", () => "ok").RequireRateLimit("typo"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.GetAsync("/x"));
        Assert.Contains("AddPolicy(\"typo\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Attribute_AppliesPolicyWithCost()
    {
        await using var host = await RateLimitTestHost.StartAsync(
            o => o.AddFixedWindow("p", 10, TimeSpan.FromMinutes(1)),
            app => app.MapGet("/attr", [RateLimit("p", Cost = 3)] () => "ok"));

        Assert.Equal("\"p\";r=7;t=60", Header(await host.GetAsync("/attr"), "RateLimit"));
    }

    [Fact]
    public async Task Invoke_WindowPasses_AllowsAgain()
    {
        await using var host = await RateLimitTestHost.StartAsync(o =>
        {
            o.AddFixedWindow("p", 1, TimeSpan.FromSeconds(10));
            o.GlobalPolicies.Add("p");
        });

        await host.GetAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync()).StatusCode);
        host.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync()).StatusCode);
    }

    private static string[] Policies(JsonDocument problem) => [.. problem.RootElement.GetProperty("policies").EnumerateArray().Select(p => p.GetString() ?? "(null)")];

    private static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"missing header {name}");
}
