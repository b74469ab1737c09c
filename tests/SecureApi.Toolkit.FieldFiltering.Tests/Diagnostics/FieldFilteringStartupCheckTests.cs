using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SecureApi.Toolkit.FieldFiltering.Diagnostics;
using SecureApi.Toolkit.FieldFiltering.Tests.Models;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Diagnostics;

public class FieldFilteringStartupCheckTests
{
    private static (ServiceProvider Services, FakeLogCollector Logs) Build(Action<FieldFilteringOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSecureApi(api => api.AddFieldFiltering(configure));
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetFakeLogCollector());
    }

    [Fact]
    public void Run_ClassifiedTypeWithUntypedMembers_ReportsEachBypass()
    {
        var (services, logs) = Build(o => o.ScanAssemblies.Add(typeof(BypassSample).Assembly));
        using (services)
        {
            var findings = services.GetServices<IHostedService>().OfType<FieldFilteringStartupCheck>().Single().Run();

            var bypass = findings.Where(f => f.Contains(nameof(BypassSample), StringComparison.Ordinal)).ToList();
            Assert.Contains(bypass, f => f.Contains(".Bag (dictionary of untyped values)", StringComparison.Ordinal));
            Assert.Contains(bypass, f => f.Contains(".Extra ([JsonExtensionData])", StringComparison.Ordinal));
            Assert.Contains(bypass, f => f.Contains(".Node (JSON DOM member)", StringComparison.Ordinal));
            Assert.Contains(bypass, f => f.Contains(".Element (JSON DOM member)", StringComparison.Ordinal));
            Assert.Contains(bypass, f => f.Contains(".Anything (object member)", StringComparison.Ordinal));
            Assert.Contains(bypass, f => f.Contains(".Items (collection of untyped values)", StringComparison.Ordinal));
            Assert.Equal(6, bypass.Count);
            Assert.Contains(logs.GetSnapshot(), r => r.Id.Id == 5001 && r.Level == LogLevel.Warning);
        }
    }

    [Fact]
    public void Run_SourceGeneratedContextWithClassifiedTypes_IsReported()
    {
        var (services, logs) = Build(o => o.ScanAssemblies.Add(typeof(BypassSample).Assembly));
        using (services)
        {
            services.GetServices<IHostedService>().OfType<FieldFilteringStartupCheck>().Single().Run();

            var reported = logs.GetSnapshot().Where(r => r.Id.Id == 5004).Select(r => r.Message).ToList();
            Assert.Contains(reported, m => m.Contains(nameof(TestJsonContext), StringComparison.Ordinal) && m.Contains(nameof(Customer), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StartAsync_FatalOption_StopsTheApp()
    {
        // A real app: the check must run as one of the host's hosted services and keep the app from starting.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddSecureApi(api => api.AddFieldFiltering(o =>
        {
            o.ScanAssemblies.Add(typeof(BypassSample).Assembly);
            o.BypassMembersAreFatal = true;
        }));
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("BypassSample.Bag", error.Message, StringComparison.Ordinal);
        Assert.Contains("BypassMembersAreFatal", error.Message, StringComparison.Ordinal);
        Assert.False(app.Lifetime.ApplicationStarted.IsCancellationRequested);
    }

    [Fact]
    public async Task StartAsync_OptionsDeclaredTypeWithoutBypass_Passes()
    {
        var (services, _) = Build(o =>
        {
            o.BypassMembersAreFatal = true;
            o.Classify<VendorRecord>(new FieldPermissionAttribute(Perms.Vendors));
        });
        using (services)
        {
            var check = services.GetServices<IHostedService>().OfType<FieldFilteringStartupCheck>().Single();

            await check.StartAsync(CancellationToken.None);
            Assert.Empty(check.Run());
        }
    }
}
