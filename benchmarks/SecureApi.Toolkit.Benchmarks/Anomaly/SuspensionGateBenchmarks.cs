using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Benchmarks.Anomaly;

/// <summary>
/// Refusing a suspended caller: the gate answers 429 problem+json with Retry-After from the local cache. The
/// baseline refuses the same caller by hand from a dictionary with a bare 429 and Retry-After (no problem body).
/// Each request gets a fresh context, so creating it and resolving the caller are included; a third case reuses one
/// context whose caller is already resolved, to show the gate's own cost. The suspension store counts its calls;
/// the run fails if the gate made any.
/// </summary>
[MemoryDiagnoser]
public class SuspensionGateBenchmarks
{
    private static readonly RequestDelegate Endpoint = _ => Task.CompletedTask;
    private ServiceProvider _services = null!;
    private SuspensionGate _gate = null!;
    private CountingSuspensionStore _store = null!;
    private Dictionary<string, DateTimeOffset> _suspended = null!;
    private IPAddress _address = null!;
    private DefaultHttpContext _resolved = null!;

    [GlobalSetup]
    public void Setup()
    {
        var collection = new ServiceCollection().AddLogging();
        collection.AddSecureApi(api => api.AddAnomalyDetection().UseStore<ISuspensionStore, CountingSuspensionStore>());
        _services = collection.BuildServiceProvider();
        _store = (CountingSuspensionStore)_services.GetRequiredService<ISuspensionStore>();
        _services.GetRequiredService<ISuspensionService>().SuspendAsync("ip:203.0.113.7", TimeSpan.FromHours(1)).AsTask().GetAwaiter().GetResult();
        _gate = _services.GetRequiredService<SuspensionGate>();
        _suspended = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal) { ["ip:203.0.113.7"] = TimeProvider.System.GetUtcNow().AddHours(1) };
        _address = IPAddress.Parse("203.0.113.7");
        _resolved = NewContext();
        _ = _resolved.GetApiCaller();
        _store.Calls = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// suspension store round trips during the gate benchmarks: {_store.Calls}");
        if (_store.Calls != 0)
        {
            throw new InvalidOperationException($"The suspension gate made {_store.Calls} store round trips; it must make none.");
        }

        _services.Dispose();
    }

    private DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Connection.RemoteIpAddress = _address;
        context.Response.Body = Stream.Null;
        return context;
    }

    [Benchmark(Baseline = true)]
    public Task RefuseByHand()
    {
        var context = NewContext();
        var id = "ip:" + context.Connection.RemoteIpAddress!;
        if (_suspended.TryGetValue(id, out var until))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = ((long)(until - TimeProvider.System.GetUtcNow()).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }

        return Endpoint(context);
    }

    [Benchmark]
    public Task RefuseSuspendedCaller() => _gate.InvokeAsync(NewContext(), Endpoint);

    /// <summary>The gate alone: the context already exists and its caller is resolved, as after authentication.</summary>
    [Benchmark]
    public Task RefuseSuspendedCallerResolvedContext() => _gate.InvokeAsync(_resolved, Endpoint);

    /// <summary>An in-memory suspension store that counts every call, to prove the gate never reaches it.</summary>
    internal sealed class CountingSuspensionStore(TimeProvider time) : ISuspensionStore
    {
        private readonly SecureApi.Toolkit.Anomaly.Stores.InMemorySuspensionStore _inner = new(time);

        public int Calls { get; set; }

        public ValueTask<SuspensionOutcome> SuspendAsync(string callerId, SuspensionRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            return _inner.SuspendAsync(callerId, request, cancellationToken);
        }

        public ValueTask<Suspension?> GetAsync(string callerId, CancellationToken cancellationToken = default)
        {
            Calls++;
            return _inner.GetAsync(callerId, cancellationToken);
        }

        public ValueTask<bool> LiftAsync(string callerId, bool forgetOffences = false, CancellationToken cancellationToken = default)
        {
            Calls++;
            return _inner.LiftAsync(callerId, forgetOffences, cancellationToken);
        }

        public ValueTask<IReadOnlyList<SuspensionChange>> GetActiveAsync(CancellationToken cancellationToken = default)
        {
            Calls++;
            return _inner.GetActiveAsync(cancellationToken);
        }

        public ValueTask<IAsyncDisposable> SubscribeAsync(Action<SuspensionChange> onChange, CancellationToken cancellationToken = default)
        {
            Calls++;
            return _inner.SubscribeAsync(onChange, cancellationToken);
        }
    }
}
