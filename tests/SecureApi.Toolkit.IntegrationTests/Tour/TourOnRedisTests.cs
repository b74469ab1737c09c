using SecureApi.Sample.Tour;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.IntegrationTests.Tour;

public class TourOnRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task RunAsync_WithRedisConfigured_EveryScenarioPassesAndHealthSeesRedisHealthy()
    {
        using var output = new StringWriter();

        // Generous timeouts: the test machine's cores are shared, and a PING answered after the default 250 ms would
        // make the check unhealthy, or a rate-limit call answered after the sample's 250 ms store timeout would apply
        // the fail mode, for reasons that have nothing to do with the sample.
        var exitCode = await TourRunner.RunAsync(
            ["--ConnectionStrings:Redis=" + redis.ConnectionString, "--SecureApi:Redis:CommandTimeout=00:00:10", "--SecureApi:Redis:ConnectTimeout=00:00:20", "--SecureApi:RateLimiting:StoreTimeout=00:00:05"],
            output);

        var report = output.ToString();
        Assert.True(exitCode == 0, report);
        Assert.Contains("stores: Redis (configured)", report, StringComparison.Ordinal);
        Assert.DoesNotContain(redis.Server.Endpoint, report, StringComparison.Ordinal);
        var health = ScenarioBlock(report, "core: the health endpoint reports healthy");
        Assert.StartsWith("PASS", health, StringComparison.Ordinal);
        Assert.Contains("""{"name":"redis","status":"Healthy"}""", health, StringComparison.Ordinal);
    }

    private static string ScenarioBlock(string report, string name)
    {
        var start = report.IndexOf("  " + name, StringComparison.Ordinal) - 4;
        Assert.True(start >= 0, $"The report does not name '{name}':\n{report}");
        var end = report.IndexOf(Environment.NewLine + Environment.NewLine, start, StringComparison.Ordinal);
        return report[start..end];
    }
}
