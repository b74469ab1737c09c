using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Redis.RateLimiting;
using SecureApi.Toolkit.Stores;
using StackExchange.Redis;

namespace SecureApi.Toolkit.Benchmarks.RateLimiting;

/// <summary>
/// Redis decisions per second from 64 concurrent callers through one multiplexer, on a redis-server started on a
/// free loopback port. Baseline: the same EVALSHA sent straight through StackExchange.Redis (no toolkit code around
/// it). In the same run, GlobalSetup runs <c>redis-benchmark</c> with that EVALSHA (64 clients) and prints its
/// requests per second, so the figures can be given as a ratio to Redis's own client.
/// </summary>
public class RateLimitRedisThroughputBenchmarks
{
    private const int Callers = 64;
    private const int PerCaller = 200;
    private Process _server = null!;
    private string _workDir = null!;
    private ServiceProvider _provider = null!;
    private IRateLimitStore _store = null!;
    private ConnectionMultiplexer _raw = null!;
    private RateLimitRule _rule = null!;
    private byte[] _sha = null!;

    [GlobalSetup]
    public void Setup()
    {
        var port = FreePort();
        _workDir = Directory.CreateTempSubdirectory("rl-bench-").FullName;
        _server = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no --dir {_workDir}") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var endpoint = $"127.0.0.1:{port}";
        _raw = Connect(endpoint);

        var services = new ServiceCollection().AddLogging();
        services.AddSecureApi(api => api.AddRateLimiting().AddRedis(o =>
        {
            o.Configuration = endpoint;
            o.InstanceName = "bench:";
            o.CommandTimeout = TimeSpan.FromSeconds(5);
            o.RegisterDistributedCache = false;
        }));
        _provider = services.BuildServiceProvider();
        _store = _provider.GetRequiredService<IRateLimitStore>();
        _rule = new RateLimitRule("per-caller", RateLimitAlgorithm.Gcra, 1_000_000_000_000, TimeSpan.FromSeconds(1));
        _sha = _raw.GetServer(endpoint).ScriptLoad(RedisRateLimitStore.AcquireScript);
        ToolkitStore().GetAwaiter().GetResult();

        // redis-benchmark's own EVALSHA throughput with the same script, 64 clients, random partitions.
        var shaHex = Convert.ToHexStringLower(_sha);
        var bench = Process.Start(new ProcessStartInfo("redis-benchmark", $"-h 127.0.0.1 -p {port} -c {Callers} -n 200000 -r 10000 -q EVALSHA {shaHex} 1 bench:ratelimit:{{sub:__rand_int__}}:per-caller \"\" g 1000000000000 1000000 1 0 0 \"\"")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var output = bench.StandardOutput.ReadToEnd();
        bench.WaitForExit();
        Console.WriteLine("// redis-benchmark EVALSHA (64 clients): " + output.Trim().Split('\r', '\n').Last(l => l.Length > 0));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _raw.Dispose();
        _server.Kill();
        _server.WaitForExit();
        Directory.Delete(_workDir, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Callers * PerCaller)]
    public Task RawEvalSha() => Parallel(async caller =>
    {
        var db = _raw.GetDatabase();
        RedisKey[] keys = ["bench:ratelimit:{sub:caller-" + caller + "}:per-caller"];
        RedisValue[] args = [RedisValue.EmptyString, "g", 1_000_000_000_000, 1_000_000, 1, 0, 0, RedisValue.EmptyString];
        for (var i = 0; i < PerCaller; i++)
        {
            await db.ScriptEvaluateAsync(_sha, keys, args);
        }
    });

    [Benchmark(OperationsPerInvoke = Callers * PerCaller)]
    public Task ToolkitStore() => Parallel(async caller =>
    {
        var checks = new[] { new RateLimitCheck(_rule, "sub:caller-" + caller) };
        var results = new RateLimitResult[1];
        for (var i = 0; i < PerCaller; i++)
        {
            await _store.AcquireAsync(checks, results);
        }
    });

    private static Task Parallel(Func<int, Task> caller) => Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Task.Run(() => caller(i))));

    private static ConnectionMultiplexer Connect(string endpoint)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return ConnectionMultiplexer.Connect(endpoint + ",abortConnect=true,connectTimeout=1000");
            }
            catch (RedisConnectionException) when (attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
