using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.RateLimiting.Resilience;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;
using Xunit.Abstractions;

namespace SecureApi.Toolkit.RateLimiting.Tests.Fleet;

/// <summary>Redis frozen (<c>SIGSTOP</c>) under traffic on two instances with the default options, then thawed.</summary>
public sealed class FleetFailoverTests(ITestOutputHelper output) : IDisposable
{
    private const int Limit = 200;
    private const int CallersPerInstance = 32;
    private readonly RedisProcess _redis = RedisProcess.Start();

    public void Dispose() => _redis.Dispose();

    [Fact]
    public async Task RedisPausedDuringTraffic_FleetStaysWithinTenPercent_AnswersInBudget_RecoversWithinOneSecond()
    {
        var fleet = new List<FleetInstance>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                fleet.Add(await FleetInstance.StartAsync(_redis.Endpoint, "failover:", o =>
                {
                    o.AddFixedWindow("per-key", Limit, TimeSpan.FromHours(1)).PartitionKey = FleetInstance.ApiKey;
                    o.GlobalPolicies.Add("per-key");
                }));
            }

            var stores = fleet.Select(f => f.App.Services.GetRequiredService<IRateLimitStore>()).ToArray();
            var evaluators = fleet.Select(f => f.App.Services.GetRequiredService<RateLimitEvaluator>()).ToArray();

            // Both instances have seen each other's heartbeat (every 2 s), so each fallback takes half the limit.
            await WaitUntilAsync(() => stores.All(s => s.LiveInstances == 2), TimeSpan.FromSeconds(10), "both stores report 2 live instances");

            // Before the pause: a fifth of the limit is used through Redis, 20 requests per instance.
            var admitted = 0;
            foreach (var instance in fleet)
            {
                for (var r = 0; r < 20; r++)
                {
                    admitted += await instance.GetStatusAsync("key-1") == 200 ? 1 : 0;
                }
            }

            Assert.Equal(40, admitted);

            var latencies = new ConcurrentBag<TimeSpan>();
            var statuses = new ConcurrentBag<int>();
            using var stop = new CancellationTokenSource();
            var sawDegraded = false;
            var traffic = fleet.SelectMany(instance => Enumerable.Range(0, CallersPerInstance).Select(_ => Task.Run(async () =>
            {
                for (var r = 0; r < 2_000 && !stop.IsCancellationRequested; r++)
                {
                    var started = TimeProvider.System.GetTimestamp();
                    statuses.Add(await instance.GetStatusAsync("key-1"));
                    latencies.Add(TimeProvider.System.GetElapsedTime(started));
                }
            }))).ToArray();

            // Pause for 2 s under traffic: the calls time out, the circuits open, the fallbacks answer.
            _redis.Pause();
            await WaitUntilAsync(() => evaluators.All(e => e.Degraded), TimeSpan.FromSeconds(10), "both circuits open while Redis is paused");
            sawDegraded = true;
            using (var pause = new PeriodicTimer(TimeSpan.FromSeconds(2)))
            {
                await pause.WaitForNextTickAsync();
            }

            _redis.Resume();
            var resumed = TimeProvider.System.GetTimestamp();
            await WaitUntilAsync(() => evaluators.All(e => !e.Degraded), TimeSpan.FromSeconds(10), "both circuits closed after Redis resumed");
            var recovery = TimeProvider.System.GetElapsedTime(resumed);

            // Keep the traffic on Redis for a while: it must not hand out again what the fallbacks admitted.
            using (var after = new PeriodicTimer(TimeSpan.FromSeconds(1)))
            {
                await after.WaitForNextTickAsync();
            }

            await stop.CancelAsync();
            await Task.WhenAll(traffic).WaitAsync(TimeSpan.FromSeconds(30));

            admitted += statuses.Count(s => s == 200);
            var sorted = latencies.Order().ToArray();
            var slowest = sorted[^1];
            output.WriteLine($"latency p50 {sorted[sorted.Length / 2].TotalMilliseconds:F1} ms, p99 {sorted[sorted.Length * 99 / 100].TotalMilliseconds:F1} ms, p99.9 {sorted[sorted.Length * 999 / 1000].TotalMilliseconds:F1} ms, over 250 ms: {sorted.Count(l => l > TimeSpan.FromMilliseconds(250))}");
            output.WriteLine($"admitted {admitted} of limit {Limit} ({statuses.Count + 40} requests); slowest answer {slowest.TotalMilliseconds:F0} ms; recovered {recovery.TotalMilliseconds:F0} ms after resume");
            Assert.True(sawDegraded);
            Assert.All(statuses, s => Assert.True(s is 200 or 429, $"unexpected status {s}"));
            Assert.InRange(admitted, Limit * 9 / 10, Limit * 11 / 10);
            Assert.True(slowest < TimeSpan.FromSeconds(1), $"a request took {slowest.TotalMilliseconds:F0} ms; the budget is the 250 ms store timeout plus the machine's own latency, under 1 s");
            Assert.True(recovery < TimeSpan.FromSeconds(1), $"the store decided again only {recovery.TotalMilliseconds:F0} ms after Redis resumed");
        }
        finally
        {
            foreach (var instance in fleet)
            {
                await instance.DisposeAsync();
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < limit, $"Timed out waiting until {what}.");
            await poll.WaitForNextTickAsync();
        }
    }
}
