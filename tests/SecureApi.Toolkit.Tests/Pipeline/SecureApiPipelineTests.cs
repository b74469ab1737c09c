using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Pipeline;

namespace SecureApi.Toolkit.Tests.Pipeline;

public class SecureApiPipelineTests
{
    private static async Task<WebApplication> StartAsync(Action<IServiceCollection> services, Action<WebApplication> pipeline)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        services(builder.Services);
        var app = builder.Build();
        pipeline(app);
        await app.StartAsync();
        return app;
    }

    [Fact]
    public void UseSecureApi_WithoutAddSecureApi_ThrowsActionableMessage()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.UseSecureApi());
        Assert.Contains("builder.Services.AddSecureApi", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseSecureApi_PlacesPartsInStageOrder_WithAuthenticationAndAuthorization()
    {
        var seen = new List<string>();
        Action<IApplicationBuilder> Part(string name) => app => app.Use(async (context, next) =>
        {
            seen.Add(name + (context.User.Identity?.IsAuthenticated == true ? "+auth" : string.Empty));
            await next(context);
        });

        await using var app = await StartAsync(
            services =>
            {
                services.AddAuthentication("Test").AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestAuthHandler>("Test", null);
                services.AddAuthorization();
                // Registered out of order, and twice: UseSecureApi must sort and de-duplicate.
                services.AddSecureApi(api => api
                    .AddPipelinePart(SecureApiPipelineStage.Endpoint, "endpoint", Part("endpoint"))
                    .AddPipelinePart(SecureApiPipelineStage.RateLimiting, "rate", Part("rate"))
                    .AddPipelinePart(SecureApiPipelineStage.SuspensionGate, "gate", Part("gate"))
                    .AddPipelinePart(SecureApiPipelineStage.Observer, "observer", Part("observer")));
                services.AddSecureApi(api => api.AddPipelinePart(SecureApiPipelineStage.RateLimiting, "rate", Part("rate-duplicate")));
            },
            app =>
            {
                app.UseSecureApi();
                app.MapGet("/", (HttpContext http) => http.GetApiCaller().Id).RequireAuthorization();
            });

        var response = await app.GetTestClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sub:tester", await response.Content.ReadAsStringAsync());
        Assert.Equal(["observer", "gate", "rate+auth", "endpoint+auth"], seen);
    }

    [Fact]
    public void AddSecureApi_CalledTwice_RegistersCoreServicesOnce()
    {
        var services = new ServiceCollection();
        services.AddSecureApi();
        services.AddSecureApi(_ => { });

        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
        Assert.Single(services, d => d.ServiceType == typeof(SecureApiPipelineParts));
        Assert.Single(services, d => d.ServiceType == typeof(ApiCallerResolver));
    }

    [Fact]
    public void AddSecureApi_KeepsTheAppsTimeProvider()
    {
        var fake = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(fake);
        services.AddSecureApi();

        Assert.Same(fake, services.BuildServiceProvider().GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddSecureApi_RegistersTheSystemClockByDefault()
    {
        var provider = new ServiceCollection().AddSecureApi(_ => { }).BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task AddSecureApi_InvalidCallerOptions_FailAtStartNotOnFirstRequest()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSecureApi(_ => { });
        builder.Services.Configure<ApiCallerOptions>(o => o.IPv6PrefixLength = 0);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("IPv6PrefixLength", error.Message, StringComparison.Ordinal);
    }

    private sealed class TestAuthHandler(IOptionsMonitor<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions> options, Microsoft.Extensions.Logging.ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
        : Microsoft.AspNetCore.Authentication.AuthenticationHandler<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<Microsoft.AspNetCore.Authentication.AuthenticateResult> HandleAuthenticateAsync()
        {
            var identity = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "tester")], "Test");
            return Task.FromResult(Microsoft.AspNetCore.Authentication.AuthenticateResult.Success(
                new Microsoft.AspNetCore.Authentication.AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(identity), "Test")));
        }
    }
}
