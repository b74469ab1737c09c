using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.RateLimiting;

namespace SecureApi.Toolkit.Anomaly.Tests;

/// <summary>One caller, one keyed pseudonym: Anomaly's and RateLimiting's logs name the same caller the same way.</summary>
public class AnomalyLogPseudonymTests
{
    private const string Ip = "203.0.113.7";
    private const string CallerId = "ip:" + Ip;

    [Fact]
    public async Task Logs_SameCallerInAnomalyAndRateLimiting_CarryTheSameKeyedPseudonym()
    {
        var collector = new FakeLogCollector();
        await using var host = await AnomalyTestHost.StartAsync(
            services: s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Information)),
            api: api => api.AddRateLimiting(o =>
            {
                o.AddFixedWindow("tight", 1, TimeSpan.FromMinutes(1));
                o.GlobalPolicies.Add("tight");
            }));

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/orders/1", ip: Ip)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.GetAsync("/orders/1", ip: Ip)).StatusCode);
        await host.Services.GetRequiredService<ISuspensionService>().SuspendAsync(CallerId, TimeSpan.FromMinutes(5));

        var refused = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 6001).GetStructuredStateValue("PartitionHash");
        var suspended = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 8002).GetStructuredStateValue("CallerRef");

        Assert.NotNull(refused);
        Assert.Equal(refused, suspended);
        Assert.Equal(host.Services.GetRequiredService<CallerPseudonym>().For(CallerId), refused);
        Assert.DoesNotContain(Ip, refused, StringComparison.Ordinal);

        // Not the unkeyed SHA-256 prefixes the packages used to log: those can be reversed by hashing every address.
        var unkeyed = SHA256.HashData(Encoding.UTF8.GetBytes(CallerId));
        Assert.DoesNotContain(Convert.ToHexStringLower(unkeyed[..6]), refused, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(unkeyed[..12]), refused, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(unkeyed[..12]), refused, StringComparison.Ordinal);
    }
}
