using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SecureApi.Toolkit.Problems;

namespace SecureApi.Toolkit.Tokens;

/// <summary>Authenticates <c>Authorization: ApiKey &lt;key&gt;</c>, or the configured header, through <see cref="ApiKeyAuthenticator"/>.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator,
    IOptionsMonitor<ApiKeyOptions> keyOptions,
    TokenMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string SchemePrefix = "ApiKey ";

    // The scheme has no events; the base class would otherwise allocate an empty events object per request.
    private static readonly Task<object> NoEvents = Task.FromResult(new object());

    private string? _failure;

    protected override Task<object> CreateEventsAsync() => NoEvents;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The key stays a slice of the header value: no substring, so no extra copy of the secret on the heap.
        ReadOnlyMemory<char> key;
        var authorization = Request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith(SchemePrefix, StringComparison.OrdinalIgnoreCase))
        {
            key = value.AsMemory(SchemePrefix.Length).Trim();
        }
        else if (keyOptions.CurrentValue.HeaderName is { } header && Request.Headers.TryGetValue(header, out var values))
        {
            if (values.Count == 1 && values[0] is null)
            {
                return AuthenticateResult.NoResult();
            }

            key = values.Count == 1 ? values[0].AsMemory().Trim() : ReadOnlyMemory<char>.Empty;
        }
        else
        {
            return AuthenticateResult.NoResult();
        }

        var result = await authenticator.AuthenticateAsync(key, Context.RequestAborted).ConfigureAwait(false);
        _failure = result.FailureReason;
        return CredentialOutcome.ToAuthenticateResult(result, Context, Scheme, Logger, metrics);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers[HeaderNames.WWWAuthenticate] = "ApiKey";
        return _failure is null
            ? SecureApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "credentials-required", "Credentials are required.")
            : SecureApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "invalid-api-key", "The API key was refused.");
    }
}
