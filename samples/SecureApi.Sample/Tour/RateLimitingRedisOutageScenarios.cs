using Microsoft.Extensions.Options;
using SecureApi.Toolkit.RateLimiting;

namespace SecureApi.Sample.Tour;

/// <summary>
/// Rate limiting through a Redis outage. The scenario owns its Redis: it starts redis-server on a free loopback port,
/// runs a second copy of the sample on it, kills the server mid-scenario, shows the fail mode the policy chose
/// (reports-burst: local fallback, the whole limit on this instance) in the responses, then starts the server again and
/// shows the limiter counting in Redis once more. Without redis-server on PATH it is skipped (the quick-start tour still succeeds) and says how to install it.
/// </summary>
internal sealed class RateLimitingRedisOutageScenarios : ITourScenarioSet
{
    private const string Policy = "reports-burst";

    // The sample's key for the tour caller's partition: instance prefix, hash tag of the caller, policy.
    private const string PartitionKey = "secureapi-sample:ratelimit:{ip:127.0.0.1}:" + Policy;

    public int Order => 410;

    public IEnumerable<TourScenario> Scenarios =>
    [
        new(
            "rate limiting: Redis stopped mid-tour, the policy's fail mode answers, and Redis comes back",
            "a sample on its own redis-server counts GET /reports/daily in Redis; with the server killed every request is still answered: reports-burst (fail mode LocalFallback) admits its 5 per minute locally and then 429s, never 5xx; once the server is back the count is in Redis again",
            RunAsync),
    ];

    private static async Task<TourVerdict> RunAsync(TourContext tour)
    {
        if (LocalRedisServer.FindExecutable() is not { } executable)
        {
            return TourVerdict.Skip("redis-server is not on PATH, so this scenario cannot run a Redis of its own to stop; " + LocalRedisServer.InstallHint);
        }

        using var redis = await LocalRedisServer.StartAsync(executable);
        var app = Program.BuildApp(
            ["--ConnectionStrings:Redis=" + redis.Endpoint, "--SecureApi:Redis:ConnectTimeout=00:00:05"],
            builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Logging.ClearProviders();

                // Probe a dead Redis every second instead of every 5 s, so the tour sees recovery quickly.
                builder.Services.PostConfigure<RateLimitingOptions>(o => o.CircuitBreakerProbeInterval = TimeSpan.FromSeconds(1));
            });
        await using (app)
        {
            await app.StartAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
                var failMode = app.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Policies[Policy].FailMode;
                return await RunAgainstAsync(tour, http, redis, failMode);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        }
    }

    private static async Task<TourVerdict> RunAgainstAsync(TourContext tour, HttpClient http, LocalRedisServer redis, RateLimitFailMode failMode)
    {
        // Redis up: the request is counted in Redis, under the caller's key.
        var up = await tour.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/reports/daily"), "(sample on its own Redis, server up)", http);
        var countedInRedis = await redis.TryCommandAsync("EXISTS", PartitionKey) == ":1";

        // Redis killed: every request is answered by the fail mode. The local store starts afresh with the whole limit.
        redis.Stop();
        var down = new List<TourResponse>();
        for (var i = 0; i < 7; i++)
        {
            down.Add(await tour.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/reports/daily"), i == 0 ? "(server killed)" : null, http));
        }

        var downStatuses = down.Select(r => r.Status).ToList();
        var firstRefusal = downStatuses.IndexOf(429);
        var fallbackHeld = firstRefusal == 5
            && downStatuses.Take(5).All(s => s == 200)
            && downStatuses.Skip(5).All(s => s == 429)
            && down[5].IsProblem(429);

        // Redis back (empty: no persistence): the circuit breaker's probe finds it and counting moves back to Redis.
        await redis.StartAsync();
        var recovered = false;
        var attempts = 0;
        TourResponse? last = null;
        for (; attempts < 40 && !recovered; attempts++)
        {
            last = await tour.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/reports/daily"), attempts == 0 ? "(server restarted; repeated every 0.5 s until counted in Redis)" : null, http);
            recovered = last.Status == 200 && await redis.TryCommandAsync("EXISTS", PartitionKey) == ":1";
            if (!recovered)
            {
                await Task.Delay(500);
            }
        }

        var passed = up.Status == 200 && countedInRedis && failMode == RateLimitFailMode.LocalFallback && fallbackHeld && recovered;
        return TourVerdict.When(
            passed,
            $"up: {up.Status}, counted in Redis: {countedInRedis}; killed: [{string.Join(", ", downStatuses)}] (fail mode {failMode}); "
            + (recovered ? $"restarted: {last!.Status} and counted in Redis again after {attempts} request(s)" : $"restarted: not counted in Redis again after {attempts} requests (last {last?.Status})"));
    }
}
