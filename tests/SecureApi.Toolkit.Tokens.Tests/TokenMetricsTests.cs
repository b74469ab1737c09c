using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests;

public sealed class TokenMetricsTests
{
    [Fact]
    public async Task AuthenticationFailed_CountedByReasonAndLoggedWithoutTheToken()
    {
        var collector = new FakeLogCollector();
        await using var server = await StartAsync(collector);
        using var failures = new MetricCollector<long>(server.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), TokenMetrics.MeterName, "secureapi.tokens.authentication.failures");
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue("alice", ["orders.read"]).AccessToken;
        server.Time.Advance(TimeSpan.FromHours(1));

        (await server.GetAsync("/orders", "Bearer", token)).Dispose();
        (await server.GetAsync("/orders", "Bearer", "x.y.z")).Dispose();

        var measurements = failures.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.Equal("expired", measurements[0].Tags["reason"]);
        Assert.Equal(TokenAuthenticationSchemes.AccessToken, measurements[0].Tags["scheme"]);
        Assert.Equal("malformed", measurements[1].Tags["reason"]);

        var refusals = collector.GetSnapshot().Where(r => r.Id.Id == 1 && r.Category!.EndsWith("AccessTokenAuthenticationHandler", StringComparison.Ordinal)).ToList();
        Assert.Equal(["expired", "malformed"], refusals.Select(r => r.GetStructuredStateValue("Reason")));
        Assert.All(refusals, r => Assert.Equal(TokenAuthenticationSchemes.AccessToken, r.GetStructuredStateValue("Scheme")));
        Assert.DoesNotContain(collector.GetSnapshot(), r => token.Split('.').Append("x.y.z").Any(part => r.Message.Contains(part, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CredentialsRefused_LogCarriesReasonNotToken()
    {
        var collector = new FakeLogCollector();
        await using var server = await StartAsync(collector);
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue("alice", ["orders.read"]).AccessToken;
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        (await server.GetAsync("/orders", "Bearer", tampered)).Dispose();

        var record = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 1 && r.Category!.EndsWith("AccessTokenAuthenticationHandler", StringComparison.Ordinal));
        Assert.Contains("bad-signature", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Message.Contains(token[..20], StringComparison.Ordinal) || r.Message.Contains(tampered[^20..], StringComparison.Ordinal));
    }

    private static Task<TokenTestServer> StartAsync(FakeLogCollector collector) => TokenTestServer.StartAsync(api =>
    {
        api.Services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)));
        api.AddAccessTokens(o =>
        {
            o.Issuer = TokenTestContext.Issuer;
            o.Audience = TokenTestContext.Audience;
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
        });
    });
}
