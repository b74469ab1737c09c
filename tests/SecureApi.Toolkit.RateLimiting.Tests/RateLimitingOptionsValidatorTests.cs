using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.RateLimiting.Tests;

public class RateLimitingOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
        => Assert.True(new RateLimitingOptionsValidator().Validate(null, new RateLimitingOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_NameOptionAndFix()
    {
        var options = new RateLimitingOptions { NearLimitRatio = 0, StoreTimeout = TimeSpan.Zero, RejectionStatusCode = 200 };
        var policy = options.AddGcra("p", 0, TimeSpan.Zero);
        policy.Cost = 0;
        policy.LocalFallbackShare = 1.5;
        options.AddConcurrency("c", 1, TimeSpan.FromSeconds(1)).Shadow = true;
        options.GlobalPolicies.Add("missing");
        options.AddGcra("has \"quote\"", 1, TimeSpan.FromSeconds(1));

        var result = new RateLimitingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToArray();
        Assert.Contains(failures, f => f.Contains("Policies[\"p\"].Limit", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Policies[\"p\"].Window", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Policies[\"p\"].Cost", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("LocalFallbackShare", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Policies[\"c\"]", StringComparison.Ordinal) && f.Contains("Shadow", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("AddPolicy(\"missing\"", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("printable ASCII", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RejectionStatusCode", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("NearLimitRatio", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("StoreTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddRateLimiting_InvalidOptions_FailAtStartup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSecureApi(api => api.AddRateLimiting(o => o.GlobalPolicies.Add("nope")));
        await using var app = builder.Build();

        await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }

    [Fact]
    public void AddRateLimiting_CalledTwice_RegistersOnceAndKeepsBothConfigurations()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSecureApi(api => api.AddRateLimiting(o => o.AddGcra("a", 1, TimeSpan.FromSeconds(1))).AddRateLimiting(o => o.AddGcra("b", 1, TimeSpan.FromSeconds(1))));

        Assert.Single(services, d => d.ServiceType == typeof(SecureApi.Toolkit.Stores.IRateLimitStore));
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        Assert.Equal(["a", "b"], options.Policies.Keys.Order());
    }

    [Fact]
    public void UseRateLimiting_WithoutAddRateLimiting_ThrowsActionableMessage()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSecureApi();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.UseRateLimiting());
        Assert.Contains("AddRateLimiting", error.Message, StringComparison.Ordinal);
    }
}
