using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Checks a presented API key: format and checksum first (no store trip for typos or guesses), then one store lookup
/// by key id, the keyed hash compared in constant time (or the key compared with the one last verified, see
/// <see cref="ApiKeyVerificationCache"/>), revocation and expiry from the record just read. Fails closed when the
/// store cannot answer.
/// </summary>
internal sealed class ApiKeyAuthenticator(IOptionsMonitor<ApiKeyOptions> options, IApiKeyStore store, TimeProvider time, ILogger<ApiKeyAuthenticator> logger)
{
    private readonly ApiKeyVerificationCache _verified = new();
    private readonly LastUsedThrottle _lastUsed = new();

    internal ApiKeyVerificationCache VerifiedKeys => _verified;

    /// <summary>Checks <paramref name="key"/> (a slice of the request header, so no copy of the secret is made).</summary>
    public async ValueTask<AccessTokenValidationResult> AuthenticateAsync(ReadOnlyMemory<char> key, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!ApiKeyFormat.TryParse(key.Span, o.Prefix, out var keyId, out var reason))
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

        if (record is null)
        {
            Forget(keyId!);
            return AccessTokenValidationResult.Fail(TokenFailureReasons.ApiKeyUnknown);
        }

        var now = time.GetUtcNow();
        var hashKey = o.HashKey!;
        var cached = _verified.TryMatch(record, key.Span, hashKey, now, out var scope, out var scopeCurrent);

        // A wrong key leaves the entry of the right one alone: evicting it would let guesses slow the real caller down.
        if (!cached && !ApiKeyFormat.Verify(hashKey, key.Span, record.Hash))
        {
            return AccessTokenValidationResult.Fail(TokenFailureReasons.ApiKeyUnknown);
        }

        if (record.RevokedAt is not null)
        {
            Forget(record.KeyId);
            return AccessTokenValidationResult.Fail(TokenFailureReasons.ApiKeyRevoked);
        }

        if (record.ExpiresAt is { } expires && expires <= now)
        {
            Forget(record.KeyId);
            return AccessTokenValidationResult.Fail(TokenFailureReasons.ApiKeyExpired);
        }

        if (!scopeCurrent)
        {
            scope = record.Permissions.Count > 0 ? string.Join(' ', record.Permissions) : null;
            _verified.Remember(record, key.Span, hashKey, scope, now, o.VerifiedKeyCacheSize);
        }

        if ((record.LastUsedAt is not { } last || now - last >= o.LastUsedResolution) && _lastUsed.TryClaim(record.KeyId, now, o.LastUsedResolution))
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

        return new AccessTokenValidationResult(CreateIdentity(record, scope, o.CallerIsClient), null, null);
    }

    private void Forget(string keyId)
    {
        _verified.Forget(keyId);
        _lastUsed.Forget(keyId);
    }

    private static ClaimsIdentity CreateIdentity(ApiKeyRecord record, string? scope, bool callerIsClient)
    {
        // Claims created with their subject already set are added as they are; a claim without one would be cloned.
        // A key of a client acts as that client (sub = client id), so its keys share one rate-limit budget and one
        // anomaly identity, as the tokens of one subject do; the key itself stays identifiable by its own claim.
        var identity = new ClaimsIdentity(TokenAuthenticationSchemes.ApiKey, ApiCallerClaimTypes.Subject, "role");
        var subject = callerIsClient && record.ClientId is { } owner ? owner : record.KeyId;
        identity.AddClaim(Claim(identity, ApiCallerClaimTypes.Subject, subject));
        identity.AddClaim(Claim(identity, ApiKeyClaimTypes.KeyId, record.KeyId));
        identity.AddClaim(Claim(identity, ApiCallerClaimTypes.Kind, ApiCallerClaimTypes.KindApiKey));
        if (record.ClientId is { } clientId)
        {
            identity.AddClaim(Claim(identity, ApiCallerClaimTypes.ClientId, clientId));
        }

        if (scope is not null)
        {
            identity.AddClaim(Claim(identity, AccessTokenDefaults.ScopeClaim, scope));
        }

        return identity;
    }

    private static Claim Claim(ClaimsIdentity identity, string type, string value)
        => new(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity);
}
