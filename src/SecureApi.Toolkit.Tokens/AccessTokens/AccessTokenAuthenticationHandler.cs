using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SecureApi.Toolkit.Problems;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> access tokens through <see cref="AccessTokenValidator"/>. A request
/// without a bearer token gets no result (another scheme or anonymous access may apply); a rejected token fails with
/// a reason code that goes to metrics, logs and the security signal, never to the client.
/// </summary>
internal sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AccessTokenValidator validator,
    TokenMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private string? _failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = value.AsSpan(BearerPrefix.Length).Trim().ToString();
        var result = await validator.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        _failure = result.FailureReason;
        return CredentialOutcome.ToAuthenticateResult(result, Context, Scheme, Logger, metrics);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750 §3: name the scheme, and say invalid_token when one was presented, without the reason detail.
        Response.Headers[HeaderNames.WWWAuthenticate] = _failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return _failure is null
            ? SecureApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "credentials-required", "Credentials are required.")
            : SecureApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "invalid-token", "The access token was refused.");
    }
}
