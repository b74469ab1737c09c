using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.IntegrationTests.Sample;

// Its own fixture instance: this class takes the server down.
public class SampleOnRedisDownTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Sample_WhileConfiguredRedisIsDown_StartsServesAndReportsRedisUnhealthy()
    {
        redis.Server.Stop();

        await using var sample = await RunningSample.StartAsync(["--ConnectionStrings:Redis=" + redis.ConnectionString]);
        using var customers = await sample.Http.GetAsync("/customers");
        using var health = await sample.Http.GetAsync("/health");
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, customers.StatusCode);
        Assert.NotEqual(0, (await customers.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        var check = Assert.Single(report.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "redis");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        // The public health answer names the check, never where Redis lives.
        Assert.DoesNotContain(redis.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), report.GetRawText(), StringComparison.Ordinal);
    }
}
