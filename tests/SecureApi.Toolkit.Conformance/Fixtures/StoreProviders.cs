using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace SecureApi.Toolkit.Conformance.Fixtures;

/// <summary>
/// Builds the stores the way an app does — through AddSecureApi and, for Redis, AddRedis — so the conformance
/// cases also prove the registrations. Each Redis provider gets its own key prefix, so tests never see each
/// other's keys.
/// </summary>
public static class StoreProviders
{
    public static ServiceProvider InMemory(FakeTimeProvider time, Action<SecureApiBuilder> features)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time);
        services.AddSecureApi(features);
        return services.BuildServiceProvider();
    }

    public static ServiceProvider Redis(string connectionString, Action<SecureApiBuilder> features)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSecureApi(api =>
        {
            features(api);
            api.AddRedis(o =>
            {
                o.Configuration = connectionString;
                o.InstanceName = "conformance-" + Guid.NewGuid().ToString("N")[..8] + ":";
                // Generous: the cases test behaviour, not latency, and CI machines can be loaded.
                o.CommandTimeout = TimeSpan.FromSeconds(5);
                o.ConnectTimeout = TimeSpan.FromSeconds(20);
            });
        });
        return services.BuildServiceProvider();
    }
}
