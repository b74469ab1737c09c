using Microsoft.Extensions.Options;
using SecureApi.Toolkit.RateLimiting;

namespace SecureApi.Sample.Tour;

/// <summary>
/// Rate limiting through a Redis outage. The scenario owns its Redis: it starts redis-server on a free loopback port,
/// runs a second copy of the sample on it, kills the server mid-scenario, shows the fail mode the policy chose
/// (reports-burst: local fallback, this instance's share of what is left of the limit) in the responses, then starts the server again and
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
            "a sample on its own redis-server counts GET /reports/daily in Redis; with the server killed every request is still answered: reports-burst (fail mode LocalFallback) admits locally what is left of its 5 per minute (4: the request Redis counted is charged to the fallback too) and then 429s, never 5xx; once the server is back the count is in Redis again",
            RunAsync),
    ];

    private static async Task<TourVerdict> RunAsync(TourContext tour)
    {
        if (LocalRedisServer.FindExecutable() is not { } executable)
        {
            return TourVerdict.Skip("redis-server is not on PATH, so this scenario cannot run a Redis of its own to stop; " + LocalRedisServer.InstallHint);
        }

        using var redis = await LocalRedisServer.StartAsync(executable);

        // Generous timeouts while Redis is up: the scenario is about Redis being gone, not slow, and a loaded machine must
        // not make the "up" request fall back. A killed server closes its connections, so requests then fail at once.
        var app = Program.BuildApp(
            ["--ConnectionStrings:Redis=" + redis.Endpoint, "--SecureApi:Redis:CommandTimeout=00:00:05", "--SecureApi:Redis:ConnectTimeout=00:00:20"],
            builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Logging.ClearProviders();
                builder.Services.PostConfigure<RateLimitingOptions>(o =>
                {
                    o.StoreTimeout = TimeSpan.FromSeconds(5);

                    // Probe a dead Redis every second, so the tour sees recovery quickly.
                    o.CircuitBreakerProbeInterval = TimeSpan.FromSeconds(1);
                });
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
        // Redis up: once the app's connection is up (/health Healthy), the request is counted in Redis, under the caller's key.
        var healthy = await PollAsync(
            async first => (await tour.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health"), first ? "(repeated until Healthy)" : null, http)).Status == 200);
        var up = await tour.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/reports/daily"), "(sample on its own Redis, server up)", http);
        var countedInRedis = await redis.TryCommandAsync("EXISTS", PartitionKey) == ":1";

        // Redis killed: every request is answered by the fail mode, without waiting for a timeout. The local fallback
        // (one instance: the whole limit) was charged with the request Redis admitted, so 4 of the 5 are left.
        redis.Stop();
        var down = new List<TourResponse>();
        var downStarted = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < 7; i++)
        {
            down.Add(await tour.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/reports/daily"), i == 0 ? "(server killed)" : null, http));
        }

        var downTook = TimeProvider.System.GetElapsedTime(downStarted);
        var downStatuses = down.Select(r => r.Status).ToList();
        var firstRefusal = downStatuses.IndexOf(429);
        var fallbackHeld = firstRefusal == 4
            && downStatuses.Take(4).All(s => s == 200)
            && downStatuses.Skip(4).All(s => s == 429)
            && down[4].IsProblem(429);

        // Redis back (empty: no persistence): the circuit breaker's probe finds it and counting moves back to Redis.
        await redis.StartAsync();
        var attempts = 0;
        TourResponse? last = null;
        var recovered = await PollAsync(async first =>
        {
            attempts++;
            last = await tour.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/reports/daily"), first ? "(server restarted; repeated every 0.5 s until counted in Redis)" : null, http);
            return last.Status == 200 && await redis.TryCommandAsync("EXISTS", PartitionKey) == ":1";
        });

        var passed = healthy && up.Status == 200 && countedInRedis && failMode == RateLimitFailMode.LocalFallback && fallbackHeld && recovered;
        return TourVerdict.When(
            passed,
            $"health: {(healthy ? "Healthy" : "not Healthy within 60 s")}; up: {up.Status}, counted in Redis: {countedInRedis}; "
            + $"killed: [{string.Join(", ", downStatuses)}] in {downTook.TotalMilliseconds:F0} ms (fail mode {failMode}); "
            + (recovered ? $"restarted: {last!.Status} and counted in Redis again after {attempts} request(s)" : $"restarted: not counted in Redis again within 60 s, after {attempts} requests (last {last?.Status})"));
    }

    /// <summary>Repeats <paramref name="attempt"/> every 0.5 s until it succeeds or 60 s pass (real processes, on a possibly loaded machine).</summary>
    /// <param name="attempt">One try; its argument is whether it is the first.</param>
    /// <returns>Whether an attempt succeeded.</returns>
    private static async Task<bool> PollAsync(Func<bool, Task<bool>> attempt)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        var started = TimeProvider.System.GetTimestamp();
        for (var first = true; ; first = false)
        {
            if (await attempt(first))
            {
                return true;
            }

            if (TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(60))
            {
                return false;
            }

            await poll.WaitForNextTickAsync();
        }
    }
}
