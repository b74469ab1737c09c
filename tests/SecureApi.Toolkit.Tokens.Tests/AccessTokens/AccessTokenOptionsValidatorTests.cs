using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using NSubstitute;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests.AccessTokens;

public sealed class AccessTokenOptionsValidatorTests
{
    [Fact]
    public void Validate_SecureSettings_Succeed()
    {
        Assert.True(Validate(Production(), Secure()).Succeeded);
    }

    [Theory]
    [InlineData("skew")]
    [InlineData("validation-off")]
    [InlineData("short-hmac")]
    [InlineData("no-allow-list")]
    public void Validate_WeakenedSettingInProduction_Fails(string weakness)
    {
        var result = Validate(Production(), Weaken(weakness));
        Assert.True(result.Failed);
        Assert.Contains("Production", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("skew", "AccessTokenOptions.ClockSkew")]
    [InlineData("validation-off", "AccessTokenOptions.ValidateTokens")]
    [InlineData("short-hmac", "The HS256 key 'hs-1' has 16 bytes")]
    [InlineData("no-allow-list", "AccessTokenOptions.AllowedAlgorithms")]
    public void Validate_WeakenedSettingInDevelopment_OnlyWarns(string weakness, string named)
    {
        var logs = new FakeLogCollector();

        Assert.True(Validate(Environment("Development", logs), Weaken(weakness)).Succeeded);

        var warning = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(8, warning.Id.Id);
        Assert.Equal("StartupFinding", warning.Id.Name);
        Assert.Contains(named, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoHostEnvironment_TreatedAsProduction()
    {
        Assert.True(Validate(new ServiceCollection().BuildServiceProvider(), Weaken("skew")).Failed);
    }

    [Fact]
    public void Validate_MixedHmacAndAsymmetricKeys_FailsEverywhere()
    {
        var options = Secure();
        options.SigningKeys.Add(AccessTokenSigningKey.Hs256(RandomNumberGenerator.GetBytes(32), "hs-1"));
        var result = Validate(Environment("Development"), options);
        Assert.True(result.Failed);
        Assert.Contains("mixes HS256", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoneInAllowList_Fails()
    {
        var options = Secure();
        options.AllowedAlgorithms.Add("ES256");
        options.AllowedAlgorithms.Add("none");
        Assert.Contains("\"none\"", Validate(Environment("Development"), options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateKid_Fails()
    {
        var options = Secure();
        options.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
        Assert.Contains("two keys with kid 'ec-1'", Validate(Production(), options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingIssuerAndAudience_FailsNamingTheOptions()
    {
        var options = Secure();
        options.Issuer = null;
        options.Audience = " ";
        var message = Validate(Production(), options).FailureMessage;
        Assert.Contains("AccessTokenOptions.Issuer", message, StringComparison.Ordinal);
        Assert.Contains("AccessTokenOptions.Audience", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultLifetimeAboveMaximum_Fails()
    {
        var options = Secure();
        options.DefaultLifetime = TimeSpan.FromHours(2);
        Assert.Contains("DefaultLifetime", Validate(Production(), options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExternalAuthorityOverHttp_Fails()
    {
        var options = Secure();
        options.AllowedAlgorithms.Add("ES256");
        options.ExternalAuthorities.Add(new ExternalTokenAuthority { Issuer = "http://login.test", MetadataAddress = "http://login.test/.well-known/openid-configuration" });
        Assert.Contains("https://", Validate(Production(), options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAccessTokens_ProductionHostWithLongSkew_FailsAtStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Services.AddSecureApi(api => api.AddAccessTokens(o =>
        {
            o.Issuer = "https://api.test";
            o.Audience = "https://api.test";
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
            o.ClockSkew = TimeSpan.FromMinutes(3);
        }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ClockSkew", error.Message, StringComparison.Ordinal);
    }

    private static AccessTokenOptions Secure()
    {
        var options = new AccessTokenOptions { Issuer = "https://api.test", Audience = "https://api.test" };
        options.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
        return options;
    }

    private static AccessTokenOptions Weaken(string weakness)
    {
        var options = new AccessTokenOptions { Issuer = "https://api.test", Audience = "https://api.test" };
        switch (weakness)
        {
            case "skew":
                options.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
                options.ClockSkew = TimeSpan.FromMinutes(2);
                break;
            case "validation-off":
                options.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("ec-1"));
                options.ValidateTokens = false;
                break;
            case "short-hmac":
                options.SigningKeys.Add(AccessTokenSigningKey.Hs256(RandomNumberGenerator.GetBytes(16), "hs-1"));
                break;
            case "no-allow-list":
                options.ExternalAuthorities.Add(new ExternalTokenAuthority { Issuer = "https://login.test", MetadataAddress = "https://login.test/.well-known/openid-configuration" });
                break;
        }

        return options;
    }

    private static ValidateOptionsResult Validate(IServiceProvider services, AccessTokenOptions options)
        => new AccessTokenOptionsValidator(services).Validate(null, options);

    private static ServiceProvider Production() => Environment("Production");

    private static ServiceProvider Environment(string name, FakeLogCollector? logs = null)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(name);
        var services = new ServiceCollection().AddLogging().AddSingleton(environment);
        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
        }

        return services.BuildServiceProvider();
    }
}
