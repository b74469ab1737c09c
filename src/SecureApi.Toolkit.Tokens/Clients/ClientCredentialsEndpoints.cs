using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SecureApi.Toolkit.Hashing;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Tokens.Internal;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// The OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4, errors per §5.2) and the activation-code
/// redemption endpoint. Both answer with <c>Cache-Control: no-store</c> and never echo a presented secret.
/// </summary>
internal sealed class ClientCredentialsEndpoints(
    ClientCredentialsManager manager,
    AccessTokenIssuer issuer,
    IOptionsMonitor<ClientCredentialsOptions> options,
    TokenMetrics metrics,
    ILogger<ClientCredentialsEndpoints> logger)
{
    private const string TokenEndpoint = "token";
    private const string ActivationEndpoint = "activation";

    public async Task TokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, TokenEndpoint, StatusCodes.Status400BadRequest, "invalid_request", "The request must be application/x-www-form-urlencoded.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (HasDuplicates(form, "grant_type", "scope", "client_id", "client_secret"))
        {
            await ErrorAsync(context, TokenEndpoint, StatusCodes.Status400BadRequest, "invalid_request", "A parameter was sent more than once.").ConfigureAwait(false);
            return;
        }

        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            await ErrorAsync(context, TokenEndpoint, StatusCodes.Status400BadRequest, "invalid_request", "grant_type is required.").ConfigureAwait(false);
            return;
        }

        if (grantType != "client_credentials")
        {
            await ErrorAsync(context, TokenEndpoint, StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only client_credentials is supported.").ConfigureAwait(false);
            return;
        }

        var basic = TryReadBasic(context.Request, out var basicId, out var basicSecret);
        var postId = form["client_id"].ToString();
        var postSecret = form["client_secret"].ToString();
        if (basic is false || (basic is true && postSecret.Length > 0))
        {
            // RFC 6749 §2.3: exactly one authentication method per request.
            await ErrorAsync(context, TokenEndpoint, StatusCodes.Status400BadRequest, "invalid_request", "Use exactly one client authentication method.").ConfigureAwait(false);
            return;
        }

        var clientId = basic is true ? basicId! : postId;
        var secret = basic is true ? basicSecret! : postSecret;
        if (basic is true && postId.Length > 0 && postId != clientId)
        {
            await ErrorAsync(context, TokenEndpoint, StatusCodes.Status400BadRequest, "invalid_request", "client_id does not match the authenticated client.").ConfigureAwait(false);
            return;
        }

        if (clientId.Length == 0 || secret.Length == 0 || !ClientCredentialsManager.IsValidClientId(clientId) || secret.Length > 512)
        {
            await InvalidClientAsync(context, basic is true).ConfigureAwait(false);
            return;
        }

        ClientRecord? client;
        CredentialVerification verification;
        try
        {
            (client, verification) = await manager.VerifyAsync(clientId, secret, context.RequestAborted).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            TokensLog.StoreUnavailable(logger, "client", ex);
            await UnavailableAsync(context, TokenEndpoint).ConfigureAwait(false);
            return;
        }

        if (verification.Status == CredentialVerificationStatus.Overloaded)
        {
            await UnavailableAsync(context, TokenEndpoint).ConfigureAwait(false);
            return;
        }

        if (client is null || !verification.Succeeded)
        {
            await InvalidClientAsync(context, basic is true).ConfigureAwait(false);
            return;
        }

        string[] granted;
        if (form.TryGetValue("scope", out var scopeValue) && scopeValue.ToString().Length > 0)
        {
            var requested = scopeValue.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (requested.Any(p => !PermissionNames.IsValid(p) || !client.Permissions.Contains(p, StringComparer.Ordinal)))
            {
                await ErrorAsync(context, TokenEndpoint, StatusCodes.Status400BadRequest, "invalid_scope", "The requested scope exceeds the client's permissions.").ConfigureAwait(false);
                return;
            }

            granted = [.. requested.Distinct(StringComparer.Ordinal)];
        }
        else
        {
            granted = [.. client.Permissions];
        }

        var token = issuer.Issue(client.ClientId, granted, client.ClientId, options.CurrentValue.TokenLifetime);
        NoStore(context.Response);
        await context.Response.WriteAsJsonAsync(
            new TokenResponse(token.AccessToken, "Bearer", (long)token.Lifetime.TotalSeconds, string.Join(' ', token.Permissions)),
            TokensJsonContext.Default.TokenResponse,
            contentType: "application/json",
            cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    public async Task ActivateAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, ActivationEndpoint, StatusCodes.Status400BadRequest, "invalid_request", "The request must be application/x-www-form-urlencoded.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var code = form["activation_code"];
        if (code.Count != 1 || string.IsNullOrEmpty(code[0]))
        {
            await ErrorAsync(context, ActivationEndpoint, StatusCodes.Status400BadRequest, "invalid_request", "activation_code is required once.").ConfigureAwait(false);
            return;
        }

        ClientCredentials? credentials;
        try
        {
            credentials = await manager.RedeemActivationCodeAsync(code[0]!, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HashingOverloadedException or StoreUnavailableException)
        {
            await UnavailableAsync(context, ActivationEndpoint).ConfigureAwait(false);
            return;
        }

        if (credentials is null)
        {
            context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.AuthenticationFailed, "activation-code-invalid"));
            await ErrorAsync(context, ActivationEndpoint, StatusCodes.Status400BadRequest, "invalid_grant", "The activation code is invalid, expired or already used.").ConfigureAwait(false);
            return;
        }

        NoStore(context.Response);
        await context.Response.WriteAsJsonAsync(
            new ActivationResponse(credentials.ClientId, credentials.ClientSecret, string.Join(' ', credentials.Permissions)),
            TokensJsonContext.Default.ActivationResponse,
            contentType: "application/json",
            cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads <c>Authorization: Basic</c>: null when absent, false when malformed, true with the decoded pair.</summary>
    private static bool? TryReadBasic(HttpRequest request, out string? clientId, out string? secret)
    {
        clientId = null;
        secret = null;
        var header = request.Headers.Authorization;
        if (header.Count == 0)
        {
            return null;
        }

        if (header.Count != 1)
        {
            return false;
        }

        var value = header[0];
        if (value is null || !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        // RFC 6749 §2.3.1: both parts are form-urlencoded before the Basic encoding.
        clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        return true;
    }

    private static bool HasDuplicates(IFormCollection form, params string[] names)
        => names.Any(n => form.TryGetValue(n, out var v) && v.Count > 1);

    private Task InvalidClientAsync(HttpContext context, bool usedBasic)
    {
        context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.AuthenticationFailed, "invalid-client"));
        metrics.AuthenticationFailed("client_credentials", "invalid-client");
        if (usedBasic)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"token\"";
        }

        return ErrorAsync(context, TokenEndpoint, StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.");
    }

    private Task UnavailableAsync(HttpContext context, string endpoint)
    {
        context.Response.Headers.RetryAfter = "5";
        return ErrorAsync(context, endpoint, StatusCodes.Status503ServiceUnavailable, "temporarily_unavailable", "Try again shortly.");
    }

    private Task ErrorAsync(HttpContext context, string endpoint, int status, string error, string description)
    {
        metrics.EndpointRejected(endpoint, error);
        TokensLog.EndpointRejected(logger, endpoint, error);
        context.Response.StatusCode = status;
        NoStore(context.Response);
        return context.Response.WriteAsJsonAsync(new OAuthError(error, description), TokensJsonContext.Default.OAuthError, contentType: "application/json", cancellationToken: context.RequestAborted);
    }

    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
