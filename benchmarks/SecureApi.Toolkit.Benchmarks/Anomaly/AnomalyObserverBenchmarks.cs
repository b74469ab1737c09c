using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Anomaly.Signals;
using SecureApi.Toolkit.Anomaly.Suspensions;

namespace SecureApi.Toolkit.Benchmarks.Anomaly;

/// <summary>
/// What anomaly detection adds to a normal (200) request: the observer around it and the two suspension-gate checks
/// (before and after authentication) with no suspension in force, beside the same pipeline without them. Every
/// pipeline resolves the caller in its endpoint, as rate limiting or authorization would; the context is reused
/// so that only the pipeline's own allocations show.
/// </summary>
[MemoryDiagnoser]
public class AnomalyObserverBenchmarks
{
    private ServiceProvider _services = null!;
    private RequestDelegate _baseline = null!;
    private RequestDelegate _observed = null!;
    private RequestDelegate _observedAndGated = null!;
    private DefaultHttpContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var collection = new ServiceCollection().AddLogging();
        collection.AddSecureApi(api => api.AddAnomalyDetection());
        _services = collection.BuildServiceProvider();

        static Task Endpoint(HttpContext context)
        {
            _ = context.GetApiCaller();
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }

        _baseline = new ApplicationBuilder(_services).Use(next => Endpoint).Build();
        _observed = Build(app => app.UseMiddleware<AnomalyObserverMiddleware>());
        _observedAndGated = Build(app => app
            .UseMiddleware<AnomalyObserverMiddleware>()
            .UseMiddleware<SuspensionGateMiddleware>()
            .UseMiddleware<SuspensionGateMiddleware>());

        RequestDelegate Build(Action<IApplicationBuilder> parts)
        {
            var app = new ApplicationBuilder(_services);
            parts(app);
            app.Run(Endpoint);
            return app.Build();
        }

        _context = new DefaultHttpContext { RequestServices = _services };
        _context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        _context.Request.Path = "/orders/1";
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public Task Baseline() => _baseline(_context);

    [Benchmark]
    public Task WithObserver() => _observed(_context);

    [Benchmark]
    public Task WithObserverAndGates() => _observedAndGated(_context);
}
