using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Stores;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Tests.Suspensions;

public class SuspensionCacheSyncTests
{
    [Fact]
    public async Task StartAsync_SubscriptionFails_StillLoadsTheActiveSuspensions()
    {
        // On Redis the pub/sub connection can lag the first command; a new instance must still know who is suspended.
        var time = new FakeTimeProvider(Units.Start);
        var store = new UnsubscribableStore(new InMemorySuspensionStore(time));
        await store.SuspendAsync("ip:203.0.113.7", new SuspensionRequest { BaseDuration = TimeSpan.FromMinutes(5) });
        await using var services = Units.Provider(time, services: s => s.AddSingleton<ISuspensionStore>(store));
        var sync = services.GetRequiredService<SuspensionCacheSync>();

        await sync.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(1, store.SubscribeAttempts);
            Assert.True(services.GetRequiredService<SuspensionCache>().TryGet("ip:203.0.113.7", out _, out var remaining));
            Assert.Equal(TimeSpan.FromMinutes(5), remaining);
        }
        finally
        {
            await sync.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The in-memory store, except that subscribing fails as a Redis without its pub/sub connection does.</summary>
    private sealed class UnsubscribableStore(ISuspensionStore inner) : ISuspensionStore
    {
        public int SubscribeAttempts { get; private set; }

        public ValueTask<SuspensionOutcome> SuspendAsync(string callerId, SuspensionRequest request, CancellationToken cancellationToken = default) => inner.SuspendAsync(callerId, request, cancellationToken);

        public ValueTask<Suspension?> GetAsync(string callerId, CancellationToken cancellationToken = default) => inner.GetAsync(callerId, cancellationToken);

        public ValueTask<bool> LiftAsync(string callerId, bool forgetOffences = false, CancellationToken cancellationToken = default) => inner.LiftAsync(callerId, forgetOffences, cancellationToken);

        public ValueTask<IReadOnlyList<SuspensionChange>> GetActiveAsync(CancellationToken cancellationToken = default) => inner.GetActiveAsync(cancellationToken);

        public ValueTask<IAsyncDisposable> SubscribeAsync(Action<SuspensionChange> onChange, CancellationToken cancellationToken = default)
        {
            SubscribeAttempts++;
            throw new StoreUnavailableException("The Redis store did not answer.");
        }
    }
}
