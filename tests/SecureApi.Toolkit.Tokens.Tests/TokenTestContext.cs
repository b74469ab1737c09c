using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Tokens.Tests;

/// <summary>A service provider with the access-token services, a fake clock and known keys.</summary>
internal sealed class TokenTestContext : IDisposable
{
    public const string Issuer = "https://api.test";
    public const string Audience = "https://api.test/orders";

    public TokenTestContext(Action<AccessTokenOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        EcKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        RsaKey = RSA.Create(2048);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddLogging();
        services?.Invoke(collection);
        collection.AddSecureApi(api => api.AddAccessTokens(o =>
        {
            o.Issuer = Issuer;
            o.Audience = Audience;
            if (configure is null)
            {
                o.SigningKeys.Add(AccessTokenSigningKey.Es256(EcKey, "ec-1"));
            }
            else
            {
                configure(o);
            }
        }));
        Services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public ECDsa EcKey { get; }

    public RSA RsaKey { get; }

    public ServiceProvider Services { get; }

    public AccessTokenIssuer TokenIssuer => Services.GetRequiredService<AccessTokenIssuer>();

    internal AccessTokenValidator Validator => Services.GetRequiredService<AccessTokenValidator>();

    public async Task<string> ValidateReasonAsync(string token)
    {
        var result = await Validator.ValidateAsync(token, CancellationToken.None);
        Assert.False(result.Succeeded, "The token was accepted but should have been refused.");
        return result.FailureReason!;
    }

    public void Dispose()
    {
        Services.Dispose();
        EcKey.Dispose();
        RsaKey.Dispose();
    }
}
