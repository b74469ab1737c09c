using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SecureApi.Toolkit.RateLimiting.Internal;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Testing.Redis;
using Xunit.Abstractions;

namespace SecureApi.Toolkit.RateLimiting.Tests.Fleet;

/// <summary>
/// Two app instances (separate hosts, separate multiplexers) on one real redis-server, 32 concurrent callers each, one
/// API key, the toolkit's default options, and a loaded machine: the fleet admits exactly the limit.
/// </summary>
public sealed class FleetAdmissionTests(RedisServerFixture redis, ITestOutputHelper output) : IClassFixture<RedisServerFixture>
{
    private const int Limit = 500;
    private const int Instances = 2;
    private const int CallersPerInstance = 32;
    private const int RequestsPerCaller = 20; // 1,280 requests for a limit of 500

    [Theory]
    [InlineData(RateLimitAlgorithm.FixedWindow)]
    [InlineData(RateLimitAlgorithm.SlidingWindow)]
    [InlineData(RateLimitAlgorithm.TokenBucket)]
    [InlineData(RateLimitAlgorithm.Gcra)]
    public async Task TwoInstances_DefaultOptionsUnderCpuLoad_AdmitExactlyTheLimit(RateLimitAlgorithm algorithm)
    {
        // A window of one hour: the refill of GCRA and the token bucket (one permit per 7.2 s) and the sliding window's
        // previous-bucket weight change by less than one permit over the few seconds of the run, so the bound is exact.
        var window = TimeSpan.FromHours(1);
        var prefix = $"fleet-{algorithm}-{Guid.NewGuid():N}:";
        var fleet = new List<FleetInstance>();
        try
        {
            for (var i = 0; i < Instances; i++)
            {
                fleet.Add(await FleetInstance.StartAsync(redis.Server.Endpoint, prefix, o =>
                {
                    o.AddPolicy("per-key", Limit, window, algorithm).PartitionKey = FleetInstance.ApiKey;
                    o.GlobalPolicies.Add("per-key");
                }));
            }

            // The store call's duration on each instance, reported so the default timeout can be checked against it.
            var durations = fleet.Select(f => new MetricCollector<double>(f.App.Services.GetRequiredService<IMeterFactory>(), RateLimitingMetrics.MeterName, "secureapi.ratelimiting.store.duration")).ToArray();
            var started = TimeProvider.System.GetTimestamp();
            int[] statuses;
            using (new CpuLoad(threads: 2, limit: TimeSpan.FromSeconds(20)))
            {
                var callers = fleet.SelectMany(instance => Enumerable.Range(0, CallersPerInstance).Select(_ => Task.Run(async () =>
                {
                    var mine = new int[RequestsPerCaller];
                    for (var r = 0; r < RequestsPerCaller; r++)
                    {
                        mine[r] = await instance.GetStatusAsync("key-1");
                    }

                    return mine;
                })));
                statuses = [.. (await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60))).SelectMany(s => s)];
            }

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var admitted = statuses.Count(s => s == 200);
            var storeMs = durations.SelectMany(d => d.GetMeasurementSnapshot()).Select(m => m.Value * 1000).Order().ToArray();
            foreach (var d in durations)
            {
                d.Dispose();
            }

            if (storeMs.Length > 0)
            {
                output.WriteLine($"store call: n={storeMs.Length} p50 {storeMs[storeMs.Length / 2]:F1} ms, p99 {storeMs[storeMs.Length * 99 / 100]:F1} ms, max {storeMs[^1]:F1} ms");
            }

            output.WriteLine($"{algorithm}: {admitted} admitted of {statuses.Length} in {elapsed.TotalMilliseconds:F0} ms; other statuses: {string.Join(',', statuses.Where(s => s is not 200 and not 429).Distinct())}");
            Assert.All(statuses, s => Assert.True(s is 200 or 429, $"unexpected status {s}"));
            Assert.True(elapsed < TimeSpan.FromMinutes(1)); // a permit refills every 7.2 s at most: the run must stay far below
            var refill = algorithm is RateLimitAlgorithm.Gcra or RateLimitAlgorithm.TokenBucket ? (int)(elapsed / (window / Limit)) : 0;
            Assert.InRange(admitted, Limit, Limit + refill);
        }
        finally
        {
            foreach (var instance in fleet)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
