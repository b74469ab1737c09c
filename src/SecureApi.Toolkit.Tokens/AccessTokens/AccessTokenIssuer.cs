using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SecureApi.Toolkit.Tokens.Internal;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Issues short-lived access tokens (RFC 9068 shape: <c>typ</c> <c>at+jwt</c>, <c>iss</c>, <c>aud</c>, <c>sub</c>,
/// <c>client_id</c>, <c>jti</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>, and the permissions as a space-delimited
/// <c>scope</c>), signed with the current key of <see cref="AccessTokenOptions.SigningKeys"/>.
/// </summary>
public sealed class AccessTokenIssuer
{
    private readonly AccessTokenOptions _options;
    private readonly SigningKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly TokenMetrics _metrics;

    internal AccessTokenIssuer(IOptions<AccessTokenOptions> options, SigningKeyRing keys, TimeProvider time, TokenMetrics metrics)
    {
        _options = options.Value;
        _keys = keys;
        _time = time;
        _metrics = metrics;
    }

    /// <summary>Issues an access token.</summary>
    /// <param name="subject">The <c>sub</c>: who the token speaks for (a user id, or the client id for client credentials).</param>
    /// <param name="permissions">The permissions granted; written as the <c>scope</c> claim.</param>
    /// <param name="clientId">The <c>client_id</c> of the application the token was issued to, when there is one.</param>
    /// <param name="lifetime">The lifetime; at most <see cref="AccessTokenOptions.MaxLifetime"/>. The default is <see cref="AccessTokenOptions.DefaultLifetime"/>.</param>
    /// <returns>The token and its facts.</returns>
    /// <exception cref="ArgumentException">The subject, client id or a permission name is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not positive or exceeds the maximum.</exception>
    /// <exception cref="InvalidOperationException">No signing key is active now.</exception>
    public IssuedAccessToken Issue(string subject, IEnumerable<string> permissions, string? clientId = null, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        if (clientId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        }

        var granted = PermissionNames.Normalize(permissions, nameof(permissions));
        var life = lifetime ?? _options.DefaultLifetime;
        if (life < TimeSpan.FromSeconds(1) || life > _options.MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), life, $"The lifetime must be between 1 second and AccessTokenOptions.MaxLifetime ({_options.MaxLifetime}).");
        }

        var utcNow = _time.GetUtcNow();

        // JWT times have whole seconds; truncating here keeps ExpiresAt equal to the token's exp.
        var now = DateTimeOffset.FromUnixTimeSeconds(utcNow.ToUnixTimeSeconds());
        var signer = _keys.CurrentSigner(utcNow)
            ?? throw new InvalidOperationException("No access-token signing key is active now. Add one to AccessTokenOptions.SigningKeys (check SignFrom and RetireAt).");

        var tokenId = NewTokenId();
        var claims = new Dictionary<string, object>(4, StringComparer.Ordinal)
        {
            ["sub"] = subject,
            ["jti"] = tokenId,
        };
        if (clientId is not null)
        {
            claims["client_id"] = clientId;
        }

        if (granted.Length > 0)
        {
            claims[AccessTokenDefaults.ScopeClaim] = string.Join(' ', granted);
        }

        var expires = now + life;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = AccessTokenDefaults.TokenType,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signer.Key, signer.Algorithm),
        };

        var token = SharedTokenHandler.Instance.CreateToken(descriptor);
        _metrics.TokenIssued();
        return new IssuedAccessToken(token, tokenId, expires, life, granted);
    }

    private static string NewTokenId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
