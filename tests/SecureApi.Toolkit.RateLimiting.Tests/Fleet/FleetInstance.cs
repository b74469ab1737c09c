using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace SecureApi.Toolkit.RateLimiting.Tests.Fleet;

/// <summary>
/// One app instance of a fleet: its own host (TestServer), its own multiplexer on the shared Redis, real time, and the
/// toolkit's default rate-limiting options unless <c>configure</c> changes them. Header <c>X-Api-Key</c> is the partition.
/// </summary>
internal sealed class FleetInstance : IAsyncDisposable
{
    private FleetInstance(WebApplication app, FakeLogCollector logs)
    {
        App = app;
        Logs = logs;
        Client = app.GetTestClient();
        Client.Timeout = TimeSpan.FromSeconds(30);
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <summary>Every log line the instance wrote.</summary>
    public FakeLogCollector Logs { get; }

    public static async Task<FleetInstance> StartAsync(string redisEndpoint, string instanceName, Action<RateLimitingOptions> configure, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var logs = new FakeLogCollector();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddSecureApi(api =>
        {
            api.AddRateLimiting(configure);
            api.AddRedis(r =>
            {
                r.Configuration = redisEndpoint + ",abortConnect=false";
                r.InstanceName = instanceName;
                r.RegisterDistributedCache = false;
            });
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseRouting();
        app.UseSecureApi();
        app.MapGet("/", () => "ok");
        await app.StartAsync();
        return new FleetInstance(app, logs);
    }

    /// <summary>Partitions every policy by the <c>X-Api-Key</c> header, as a per-key limit would.</summary>
    public static string? ApiKey(HttpContext context) => context.Request.Headers["X-Api-Key"].FirstOrDefault();

    public async Task<int> GetStatusAsync(string apiKey, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await Client.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
