using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace SecureApi.Toolkit.Anomaly.Tests.Infrastructure;

/// <summary>A service provider with anomaly detection and a fake clock, for unit tests that drive one type.</summary>
internal static class Units
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static ServiceProvider Provider(FakeTimeProvider time, Action<AnomalyOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSecureApi(api => api.AddAnomalyDetection(configure));
        services?.Invoke(collection);
        return collection.BuildServiceProvider();
    }

    public static DefaultHttpContext Context(IServiceProvider services, string ip = "203.0.113.7")
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip);
        return context;
    }
}
