using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Tests.Conformance;

public sealed class InMemoryRateLimitStoreConformanceTests : RateLimitStoreConformanceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero));

    public InMemoryRateLimitStoreConformanceTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSecureApi(api => api.AddRateLimiting());
        Store = services.BuildServiceProvider().GetRequiredService<IRateLimitStore>();
    }

    protected override IRateLimitStore Store { get; }

    protected override void Advance(TimeSpan by) => _time.Advance(by);

    protected override void AlignTo(TimeSpan window)
    {
        var now = _time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        _time.Advance(TimeSpan.FromTicks(window.Ticks - (now % window.Ticks)));
    }
}
