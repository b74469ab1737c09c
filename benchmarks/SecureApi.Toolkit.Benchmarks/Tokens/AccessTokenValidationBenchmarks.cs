using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Toolkit.Benchmarks.Tokens;

/// <summary>
/// Validating one ES256 or RS256 access token through the <c>SecureApiAccessToken</c> authentication scheme
/// (<c>HttpContext.AuthenticateAsync</c>: header parsing, size check, validation with the secure parameters, issuer
/// checks, claim normalization, ticket) against a bare <c>JsonWebTokenHandler.ValidateTokenAsync</c> of the same
/// token with the very <c>TokenValidationParameters</c> the scheme uses (the baseline), so the ratio is the scheme's
/// own overhead. <see cref="BareWithTypicalParameters"/> is the same call with a hand-written parameter set (key given
/// as <c>IssuerSigningKey</c>, default lifetime validation), for comparison.
/// </summary>
[MemoryDiagnoser]
public class AccessTokenValidationBenchmarks
{
    private IServiceProvider _services = null!;
    private string _token = null!;
    private string _authorization = null!;
    private JsonWebTokenHandler _bare = null!;
    private TokenValidationParameters _bareParameters = null!;
    private TokenValidationParameters _schemeParameters = null!;

    [Params("ES256", "RS256")]
    public string Algorithm { get; set; } = "ES256";

    [GlobalSetup]
    public void Setup()
    {
        var key = Algorithm == "ES256" ? AccessTokenSigningKey.CreateEs256("k1") : AccessTokenSigningKey.CreateRs256("k1");
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        services.AddSecureApi(api => api.AddAccessTokens(o =>
        {
            o.Issuer = "https://api.bench";
            o.Audience = "https://api.bench";
            o.SigningKeys.Add(key);
        }));
        _services = services.BuildServiceProvider();
        _token = _services.GetRequiredService<AccessTokenIssuer>().Issue("alice", ["orders.read", "orders.write", "customers.read"], "app-1").AccessToken;
        _authorization = "Bearer " + _token;

        _schemeParameters = _services.GetRequiredService<AccessTokenValidator>().Parameters;
        _bare = new JsonWebTokenHandler();
        _bareParameters = new TokenValidationParameters
        {
            ValidIssuer = "https://api.bench",
            ValidAudience = "https://api.bench",
            ValidAlgorithms = [key.Algorithm],
            ValidTypes = ["at+jwt"],
            IssuerSigningKey = key.Key,
            ClockSkew = TimeSpan.FromSeconds(30),
        };

        // A benchmark of a refusal would be meaningless: make sure all three paths accept the token.
        if (!BareValidateTokenAsync().GetAwaiter().GetResult() || !BareWithTypicalParameters().GetAwaiter().GetResult() || !ThroughScheme().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark token was refused.");
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> BareValidateTokenAsync()
    {
        var result = await _bare.ValidateTokenAsync(_token, _schemeParameters);
        return result.IsValid;
    }

    [Benchmark]
    public async Task<bool> BareWithTypicalParameters()
    {
        var result = await _bare.ValidateTokenAsync(_token, _bareParameters);
        return result.IsValid;
    }

    [Benchmark]
    public async Task<bool> ThroughScheme()
    {
        // A scope per request, as ASP.NET Core makes one: authentication handlers are scoped and cache their result
        // per request, so resolving them from the root provider would measure a cached answer.
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _authorization;
        var result = await context.AuthenticateAsync(TokenAuthenticationSchemes.AccessToken);
        return result.Succeeded;
    }
}
