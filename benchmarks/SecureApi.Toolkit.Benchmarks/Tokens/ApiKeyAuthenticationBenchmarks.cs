using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Benchmarks.Tokens;

/// <summary>
/// Authenticating an API key through the <c>SecureApiKey</c> scheme (header parsing, format and CRC-32 check, one
/// in-memory store lookup, HMAC-SHA256 with a constant-time comparison, expiry and revocation checks, principal)
/// against the one store lookup alone (the baseline): the difference is the toolkit's cost per key.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyAuthenticationBenchmarks
{
    private IServiceProvider _services = null!;
    private IApiKeyStore _store = null!;
    private string _authorization = null!;
    private string _keyId = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        services.AddSecureApi(api => api.AddApiKeys(o => o.HashKey = RandomNumberGenerator.GetBytes(32)));
        _services = services.BuildServiceProvider();
        var created = _services.GetRequiredService<ApiKeyManager>().CreateAsync("bench", ["orders.read", "customers.read"]).AsTask().GetAwaiter().GetResult();
        _authorization = "ApiKey " + created.Key;
        _keyId = created.KeyId;
        _store = _services.GetRequiredService<IApiKeyStore>();
        if (!ThroughScheme().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark key was refused.");
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> StoreLookupOnly()
    {
        var record = await _store.FindAsync(_keyId);
        return record is not null;
    }

    [Benchmark]
    public async Task<bool> ThroughScheme()
    {
        // A scope per request, as ASP.NET Core makes one: authentication handlers are scoped and cache their result
        // per request, so resolving them from the root provider would measure a cached answer.
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _authorization;
        var result = await context.AuthenticateAsync(TokenAuthenticationSchemes.ApiKey);
        return result.Succeeded;
    }
}
