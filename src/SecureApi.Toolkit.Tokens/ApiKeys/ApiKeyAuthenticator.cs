using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Checks a presented API key: format and checksum first (no store trip for typos or guesses), then one store lookup
/// by key id, a constant-time comparison of the keyed hash, revocation and expiry. Fails closed when the store cannot
/// answer.
/// </summary>
internal sealed class ApiKeyAuthenticator(IOptionsMonitor<ApiKeyOptions> options, IApiKeyStore store, TimeProvider time, ILogger<ApiKeyAuthenticator> logger)
{
    public async ValueTask<AccessTokenValidationResult> AuthenticateAsync(string key, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!ApiKeyFormat.TryParse(key, o.Prefix, out var keyId, out var reason))
        {
            return AccessTokenValidationResult.Fail(reason!);
        }

        ApiKeyRecord? record;
        try
        {
            record = await store.FindAsync(keyId!, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            TokensLog.StoreUnavailable(logger, "API key", ex);
            return AccessTokenValidationResult.Fail(TokenFailureReasons.StoreUnavailable);
        }

        if (record is null || !ApiKeyFormat.Verify(o.HashKey!, key, record.Hash))
        {
            return AccessTokenValidationResult.Fail(TokenFailureReasons.ApiKeyUnknown);
        }

        var now = time.GetUtcNow();
        if (record.RevokedAt is not null)
        {
            return AccessTokenValidationResult.Fail(TokenFailureReasons.ApiKeyRevoked);
        }

        if (record.ExpiresAt is { } expires && expires <= now)
        {
            return AccessTokenValidationResult.Fail(TokenFailureReasons.ApiKeyExpired);
        }

        if (record.LastUsedAt is not { } last || now - last >= o.LastUsedResolution)
        {
            try
            {
                await store.RecordUseAsync(record.KeyId, now, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException ex)
            {
                // The key was verified; a missed last-used write only makes that date staler.
                TokensLog.StoreUnavailable(logger, "API key last-used", ex);
            }
        }

        var claims = new List<Claim>(4)
        {
            new(ApiCallerClaimTypes.Subject, record.KeyId),
            new(ApiCallerClaimTypes.Kind, ApiCallerClaimTypes.KindApiKey),
        };
        if (record.ClientId is { } clientId)
        {
            claims.Add(new Claim(ApiCallerClaimTypes.ClientId, clientId));
        }

        if (record.Permissions.Count > 0)
        {
            claims.Add(new Claim(AccessTokenDefaults.ScopeClaim, string.Join(' ', record.Permissions)));
        }

        return new AccessTokenValidationResult(new ClaimsIdentity(claims, TokenAuthenticationSchemes.ApiKey, ApiCallerClaimTypes.Subject, "role"), null, null);
    }
}
