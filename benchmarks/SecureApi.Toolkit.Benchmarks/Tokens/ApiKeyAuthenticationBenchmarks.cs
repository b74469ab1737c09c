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

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
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

        // A benchmark of a refusal would be meaningless: make sure every path accepts the key.
        if (!HandWritten().GetAwaiter().GetResult() || !Toolkit().GetAwaiter().GetResult() || !ToolkitDefaultScheme().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark key was refused.");
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

    private async Task<bool> AuthenticateAsync(string? scheme)
    {
        // A scope per request, as ASP.NET Core makes one: authentication handlers are per request and cache their
        // result, so resolving them from the root provider would measure a cached answer.
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _authorization;
        var result = await context.AuthenticateAsync(scheme);
        return result.Succeeded;
    }
}
