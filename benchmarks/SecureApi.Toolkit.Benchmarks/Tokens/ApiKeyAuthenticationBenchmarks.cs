using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Benchmarks.Tokens;

/// <summary>
/// What an app pays per request to authenticate <c>Authorization: ApiKey …</c>: a request scope from a real DI
/// container with the schemes registered, a <see cref="DefaultHttpContext"/> carrying the header, and
/// <c>HttpContext.AuthenticateAsync</c> (the <see cref="IAuthenticationService"/>, the scheme's handler, the ticket).
/// <list type="bullet">
/// <item><see cref="HandWritten"/> (baseline): the same job without the toolkit, a minimal hand-written handler with a
/// plaintext key dictionary (<see cref="HandWrittenApiKeyHandler"/>); it is mostly the ASP.NET Core machinery.</item>
/// <item><see cref="Toolkit"/>: the <c>SecureApiKey</c> scheme (header parsing, format and CRC-32 check, one in-memory
/// store lookup, HMAC-SHA256 and constant-time comparison, expiry and revocation checks, claims, metrics, ticket).</item>
/// <item><see cref="ToolkitDefaultScheme"/>: the same through the default <c>SecureApiCredentials</c> scheme, which
/// forwards by the header to <c>SecureApiKey</c>, as <c>UseAuthentication()</c> does in an app.</item>
/// <item><see cref="StoreLookupOnly"/>: the one in-memory store lookup the target allows on top of 2 µs.</item>
/// <item>The key is presented again and again, as a client does: after the first request the toolkit finds it in its
/// verified-key cache and skips the HMAC (see <c>ApiKeyVerificationCache</c>); <see cref="ToolkitFirstUse"/> measures
/// a key the instance has not verified yet (cache off), which pays the HMAC-SHA256.</item>
/// </list>
/// Target: <see cref="Toolkit"/> at most 2 µs plus <see cref="StoreLookupOnly"/>.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyAuthenticationBenchmarks
{
    private IServiceProvider _services = null!;
    private IApiKeyStore _store = null!;
    private string _authorization = null!;
    private string _keyId = null!;
    private IServiceProvider _uncachedServices = null!;
    private string _uncachedAuthorization = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The system clock, as in an app: the key's last-used time is then written once a minute, as it would be.
        var services = new ServiceCollection().AddLogging();
        services.AddSecureApi(api => api.AddApiKeys(o => o.HashKey = RandomNumberGenerator.GetBytes(32)));
        var handWritten = new HandWrittenApiKeys();
        services.AddSingleton(handWritten);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HandWrittenApiKeyHandler>(HandWrittenApiKeyHandler.SchemeName, null);
        _services = services.BuildServiceProvider();

        var created = _services.GetRequiredService<ApiKeyManager>().CreateAsync("bench", ["orders.read", "customers.read"]).AsTask().GetAwaiter().GetResult();
        _authorization = "ApiKey " + created.Key;
        _keyId = created.KeyId;
        handWritten.Add(created.Key, "key:" + created.KeyId, "orders.read customers.read");
        _store = _services.GetRequiredService<IApiKeyStore>();

        // The same scheme with the verified-key cache switched off: every request pays the HMAC, as a first use does.
        var uncached = new ServiceCollection().AddLogging();
        uncached.AddSecureApi(api => api.AddApiKeys(o =>
        {
            o.HashKey = RandomNumberGenerator.GetBytes(32);
            o.VerifiedKeyCacheSize = 0;
        }));
        _uncachedServices = uncached.BuildServiceProvider();
        _uncachedAuthorization = "ApiKey " + _uncachedServices.GetRequiredService<ApiKeyManager>().CreateAsync("bench", ["orders.read", "customers.read"]).AsTask().GetAwaiter().GetResult().Key;

        // A benchmark of a refusal would be meaningless: make sure every path accepts the key.
        if (!HandWritten().GetAwaiter().GetResult() || !Toolkit().GetAwaiter().GetResult() || !ToolkitDefaultScheme().GetAwaiter().GetResult()
            || !ToolkitFirstUse().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark key was refused.");
        }

        if (_services.GetRequiredService<ApiKeyAuthenticator>().VerifiedKeys.Count != 1
            || _uncachedServices.GetRequiredService<ApiKeyAuthenticator>().VerifiedKeys.Count != 0)
        {
            throw new InvalidOperationException("The Toolkit row must reuse its verified key and ToolkitFirstUse must not.");
        }
    }

    [Benchmark]
    public async Task<bool> StoreLookupOnly()
    {
        var record = await _store.FindAsync(_keyId);
        return record is not null;
    }

    [Benchmark(Baseline = true)]
    public Task<bool> HandWritten() => AuthenticateAsync(HandWrittenApiKeyHandler.SchemeName);

    [Benchmark]
    public Task<bool> Toolkit() => AuthenticateAsync(TokenAuthenticationSchemes.ApiKey);

    [Benchmark]
    public Task<bool> ToolkitDefaultScheme() => AuthenticateAsync(null);

    [Benchmark]
    public Task<bool> ToolkitFirstUse() => AuthenticateAsync(TokenAuthenticationSchemes.ApiKey, _uncachedServices, _uncachedAuthorization);

    private Task<bool> AuthenticateAsync(string? scheme) => AuthenticateAsync(scheme, _services, _authorization);

    private static async Task<bool> AuthenticateAsync(string? scheme, IServiceProvider services, string authorization)
    {
        // A scope per request, as ASP.NET Core makes one: authentication handlers are per request and cache their
        // result, so resolving them from the root provider would measure a cached answer.
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = authorization;
        var result = await context.AuthenticateAsync(scheme);
        return result.Succeeded;
    }
}
