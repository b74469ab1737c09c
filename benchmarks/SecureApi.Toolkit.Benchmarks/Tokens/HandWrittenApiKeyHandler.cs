using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Benchmarks.Tokens;

/// <summary>
/// The baseline of <see cref="ApiKeyAuthenticationBenchmarks"/>: the least an API-key scheme can do without the
/// toolkit. It reads <c>Authorization: ApiKey …</c>, looks the whole key up in a dictionary of plaintext keys (no
/// format check, no keyed hash, no expiry, revocation, metrics, logs or signals) and builds a principal with the same
/// claims the toolkit's scheme emits. What it costs is mostly the ASP.NET Core authentication machinery every scheme
/// pays per request.
/// </summary>
internal sealed class HandWrittenApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    HandWrittenApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "HandWrittenApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization;
        if (authorization.Count != 1 || authorization[0] is not { } value || !value.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!keys.Lookup.TryGetValue(value.AsSpan(7), out var entry))
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown key"));
        }

        var identity = new ClaimsIdentity(
            [new Claim("sub", entry.Subject), new Claim("secureapi_caller_kind", "api-key"), new Claim("scope", entry.Scope)],
            SchemeName,
            "sub",
            "role");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
