using System.Net;
using SecureApi.Toolkit.Testing.Redis;

namespace SecureApi.Toolkit.IntegrationTests.Sample;

// Its own fixture instance: this class takes the server down.
public class SampleRateLimitingOnRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task RateLimits_OnRedis_ThenRedisStopped_LocalFallbackEnforcesTheLimit()
    {
        // Generous timeouts: the test is about Redis being gone, not slow, and a loaded machine must not make the "up"
        // requests fall back. A stopped server closes its connections, so the "down" requests still fail at once.
        await using var sample = await RunningSample.StartAsync(
            ["--ConnectionStrings:Redis=" + redis.ConnectionString, "--SecureApi:Redis:CommandTimeout=00:00:05", "--SecureApi:Redis:ConnectTimeout=00:00:20", "--SecureApi:RateLimiting:StoreTimeout=00:00:05"]);

        // Redis up: the report budget is counted in Redis, under the caller's hash tag, with a TTL.
        var budgetKey = "secureapi-sample:ratelimit:{ip:127.0.0.1}:report-budget";
        for (var i = 0; i < 5 && !await redis.Admin.GetDatabase().KeyExistsAsync(budgetKey); i++)
        {
            using var listed = await sample.Http.GetAsync(new Uri("/reports/list", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        }

        Assert.NotNull(await redis.Admin.GetDatabase().KeyTimeToLiveAsync(budgetKey));

        redis.Server.Stop();

        // Redis down mid-run: requests are still answered; reports-burst (5 per minute, fail mode LocalFallback with
        // the whole limit on this instance) admits exactly 5 from the local store, then refuses with 429.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await sample.Http.GetAsync(new Uri("/reports/daily", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
    }
}
