using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SecureApi.Toolkit.IntegrationTests.Sample;

/// <summary>The sample app exactly as Program.cs builds it, on Kestrel on a free loopback port, with a client for it.</summary>
internal sealed class RunningSample : IAsyncDisposable
{
    private RunningSample(WebApplication app)
    {
        App = app;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    /// <param name="args">Command-line configuration for the app.</param>
    /// <param name="beforeStart">Adds test-only endpoints before the app starts.</param>
    public static async Task<RunningSample> StartAsync(string[] args, Action<WebApplication>? beforeStart = null)
    {
        var app = Program.BuildApp(args, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
        });
        beforeStart?.Invoke(app);
        await app.StartAsync();
        return new RunningSample(app);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
