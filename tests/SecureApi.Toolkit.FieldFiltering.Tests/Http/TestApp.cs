using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Http;

/// <summary>A real ASP.NET Core app on TestServer: minimal-API and MVC endpoints over the same models.</summary>
internal static class TestApp
{
    public static async Task<WebApplication> StartAsync(Action<FieldFilteringOptions>? configure = null, Action<IServiceCollection>? services = null, Action<WebApplication>? map = null, bool outputCache = false)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddSecureApi(api => api.AddFieldFiltering(o =>
        {
            Filtering.Defaults(o);
            configure?.Invoke(o);
        }));
        builder.Services.AddControllers().AddApplicationPart(typeof(TestApp).Assembly);
        if (outputCache)
        {
            // The default policy never caches authenticated callers, and without it nothing allows lookup or storage:
            // CacheAuthenticated turns both on, so the permission-set vary rule is what keeps callers apart.
            builder.Services.AddOutputCache(o => o.AddPolicy("shared", b => b.AddPolicy<CacheAuthenticated>().Expire(TimeSpan.FromHours(1)), excludeDefaultPolicy: true));
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseSecureApi();
        if (outputCache)
        {
            app.UseOutputCache();
        }

        app.MapGet("/minimal/customer", () => SampleData.Customer());
        app.MapGet("/minimal/customers", () => Enumerable.Range(0, 3).Select(_ => SampleData.Customer()).ToList());
        app.MapPost("/minimal/customer", (Customer customer) => customer);
        app.MapPost("/minimal/employee", (Employee employee) => employee);
        app.MapGet("/minimal/payments", () => SampleData.Payments());
        app.MapGet("/minimal/typed", () => TypedResults.Ok(SampleData.Customer()));
        map?.Invoke(app);
        app.MapControllers();
        await app.StartAsync();
        return app;
    }

    public static HttpClient Client(this WebApplication app) => app.GetTestClient();

    public static HttpRequestMessage Request(HttpMethod method, string path, string[]? permissions, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (permissions is not null)
        {
            request.Headers.Add("X-Test-Caller", "tester");
            request.Headers.Add("X-Test-Permissions", string.Join(' ', permissions));
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    public static async Task<(int Status, string Body, string? ContentType)> SendAsync(this WebApplication app, HttpMethod method, string path, string[]? permissions, string? body = null)
    {
        using var request = Request(method, path, permissions, body);
        using var response = await app.Client().SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Caches GET responses with status 200 for every caller, authenticated or not.</summary>
    private sealed class CacheAuthenticated : Microsoft.AspNetCore.OutputCaching.IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation)
        {
            var get = HttpMethods.IsGet(context.HttpContext.Request.Method);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = get;
            context.AllowCacheStorage = get;
            context.AllowLocking = true;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation)
        {
            context.AllowCacheStorage &= context.HttpContext.Response.StatusCode == StatusCodes.Status200OK;
            return ValueTask.CompletedTask;
        }
    }
}
