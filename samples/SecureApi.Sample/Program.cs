using SecureApi.Sample.Features;
using SecureApi.Sample.Tour;

// `dotnet run -- tour` starts this same app on a free loopback port and drives it over real HTTP.
if (args is ["tour", .. var tourArgs])
{
    return await TourRunner.RunAsync(tourArgs, Console.Out);
}

await using var app = BuildApp(args);
await app.RunAsync();
return 0;

/// <summary>The sample's entry point; <see cref="BuildApp"/> is the whole showcase.</summary>
public partial class Program
{
    /// <summary>Builds the sample API. The tour and the integration tests build exactly this app.</summary>
    /// <param name="args">Command-line arguments (also configuration, for example <c>--ConnectionStrings:Redis=localhost:6379</c>).</param>
    /// <param name="host">Lets the tour and the tests adjust the host (URLs, logging) before the app is built.</param>
    /// <returns>The configured application, not yet started.</returns>
    internal static WebApplication BuildApp(string[] args, Action<WebApplicationBuilder>? host = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        host?.Invoke(builder);

        // Errors are RFC 9457 problem+json: unknown routes, unknown ids, and unhandled exceptions (without details).
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();

        // One line per package: each feature registers itself in Features/<Feature>Sample.cs.
        builder.Services.AddSecureApi(api =>
        {
            CoreSample.AddCore(api, builder.Configuration);
            RedisSample.AddRedis(api, builder.Configuration);
            HashingSample.AddHashing(api);
            RateLimitingSample.AddRateLimiting(api);
            RequestSigningSample.AddRequestSigning(api, builder.Configuration, builder.Environment);
            FieldFilteringSample.AddFieldFiltering(api);
            AnomalySample.AddAnomaly(api);
            TokensSample.AddTokens(api, builder.Configuration);
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecureApi();

        HealthSample.MapHealth(app);
        CoreSample.MapCore(app);
        HashingSample.MapHashing(app);
        RateLimitingSample.MapRateLimiting(app);
        RequestSigningSample.MapRequestSigning(app);
        AnomalySample.MapAnomaly(app);
        TokensSample.MapTokens(app);
        return app;
    }
}
