using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Hashing.Engines;
using SecureApi.Toolkit.Hashing.Identity;
using SecureApi.Toolkit.Hashing.Internal;

namespace SecureApi.Toolkit.Hashing.Tests.DependencyInjection;

public class HashingSecureApiBuilderExtensionsTests
{
    [Fact]
    public async Task AddArgon2Hashing_Defaults_HashesAtTheOwaspParameters()
    {
        using var provider = new ServiceCollection().AddLogging().AddSecureApi(api => api.AddArgon2Hashing()).BuildServiceProvider();
        var hasher = provider.GetRequiredService<ICredentialHasher>();

        var phc = await hasher.HashAsync("pw");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", phc, StringComparison.Ordinal);
        Assert.Equal(CredentialVerification.Success, await hasher.VerifyAsync("pw", phc));
    }

    [Fact]
    public void AddArgon2Hashing_Defaults_CapTheComputationsAtOnePerCoreWithinTheDefaultBudget()
    {
        using var provider = new ServiceCollection().AddLogging().AddSecureApi(api => api.AddArgon2Hashing()).BuildServiceProvider();

        var hasher = (Argon2CredentialHasher)provider.GetRequiredService<ICredentialHasher>();

        Assert.Equal(Environment.ProcessorCount, hasher.Budget.MaxConcurrency);
        Assert.Equal(524_288, hasher.Budget.TotalKiB);
    }

    [Fact]
    public void AddArgon2Hashing_CalledTwice_RegistersOnceAndAppliesBothConfigurations()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSecureApi(api => api.AddArgon2Hashing(o => o.MemoryKiB = 32768));
        services.AddSecureApi(api => api.AddArgon2Hashing(o => o.Engine = Argon2Engine.Libsodium));
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(ICredentialHasher));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<Argon2HashingOptions>));
        var hasher = Assert.IsType<Argon2CredentialHasher>(provider.GetRequiredService<ICredentialHasher>());
        Assert.IsType<LibsodiumArgon2Engine>(hasher.Engine);
        Assert.Equal(32768, provider.GetRequiredService<IOptions<Argon2HashingOptions>>().Value.MemoryKiB);
    }

    [Fact]
    public async Task AddArgon2Hashing_BelowTheFloor_FailsAtStartUp()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSecureApi(api => api.AddArgon2Hashing(o => o.MemoryKiB = 4096));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Argon2HashingOptions.MemoryKiB must be at least 19456", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddArgon2PasswordHasher_BeforeOrAfterIdentity_ReplacesIdentitysHasher()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSecureApi(api => api.AddArgon2PasswordHasher<TestUser>());
        services.AddIdentityCore<TestUser>();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.IsType<Argon2PasswordHasher<TestUser>>(scope.ServiceProvider.GetRequiredService<IPasswordHasher<TestUser>>());

        var later = new ServiceCollection().AddLogging();
        later.AddIdentityCore<TestUser>();
        later.AddSecureApi(api => api.AddArgon2PasswordHasher<TestUser>());
        using var laterProvider = later.BuildServiceProvider();
        using var laterScope = laterProvider.CreateScope();

        Assert.IsType<Argon2PasswordHasher<TestUser>>(laterScope.ServiceProvider.GetRequiredService<IPasswordHasher<TestUser>>());
    }

    public sealed class TestUser
    {
        public string Id { get; set; } = "u1";
    }
}
