using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Tokens.Internal;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Validates access tokens with fixed, secure parameters built once: an algorithm allow-list, pinned <c>typ</c>,
/// required issuer, audience and expiry, a 30-second default skew, a size limit, time from <see cref="TimeProvider"/>,
/// and keys chosen by exact <c>kid</c> within the token's issuer only (never every key, never a key named by the
/// token itself through <c>jku</c>, <c>x5u</c> or <c>jwk</c>).
/// </summary>
internal sealed class AccessTokenValidator
{
    private static readonly string[] OwnTypes = [AccessTokenDefaults.TokenType, "application/" + AccessTokenDefaults.TokenType];

    private readonly AccessTokenOptions _options;
    private readonly SigningKeyRing _ring;
    private readonly TimeProvider _time;
    private readonly IAccessTokenRevocationStore _revocations;
    private readonly ILogger _logger;
    private readonly IOptionsMonitor<ApiCallerOptions> _callerOptions;
    private readonly TokenValidationParameters _parameters;
    private readonly HashSet<string> _allowedAlgorithms;
    private readonly Dictionary<string, ExternalAuthorityState> _authorities = new(StringComparer.Ordinal);

    public AccessTokenValidator(IOptions<AccessTokenOptions> options, SigningKeyRing ring, TimeProvider time, IAccessTokenRevocationStore revocations, ILogger<AccessTokenValidator> logger, IOptionsMonitor<ApiCallerOptions> callerOptions)
    {
        _callerOptions = callerOptions;
        _options = options.Value;
        _ring = ring;
        _time = time;
        _revocations = revocations;
        _logger = logger;
        _allowedAlgorithms = new HashSet<string>(EffectiveAlgorithms(_options), StringComparer.Ordinal);

        foreach (var authority in _options.ExternalAuthorities)
        {
            if (authority.Issuer is { } issuer)
            {
                _authorities[issuer] = new ExternalAuthorityState(authority);
            }
        }

        _parameters = _options.ValidateTokens ? BuildParameters() : BuildUncheckedParameters();
    }

    /// <summary>The parameters every validation uses (built once); exposed for the benchmark baseline.</summary>
    internal TokenValidationParameters Parameters => _parameters;

    /// <summary>The algorithms accepted: the configured allow-list, or the keys' algorithms (plus ES256/RS256 for external authorities).</summary>
    public static IReadOnlyCollection<string> EffectiveAlgorithms(AccessTokenOptions options)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (options.AllowedAlgorithms.Count > 0)
        {
            set.UnionWith(options.AllowedAlgorithms);
        }
        else
        {
            foreach (var key in options.SigningKeys)
            {
                set.Add(key.Algorithm);
            }

            if (options.ExternalAuthorities.Count > 0)
            {
                set.Add(SecurityAlgorithms.EcdsaSha256);
                set.Add(SecurityAlgorithms.RsaSha256);
            }
        }

        set.Remove("none");
        return set;
    }

    public async ValueTask<AccessTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > _options.MaxTokenSize)
        {
            return AccessTokenValidationResult.Fail(TokenFailureReasons.Oversized);
        }

        // Before the library reads the token: what it would accept but must not (crit, string dates, duplicates).
        if (JwsShapeCheck.Check(token) is { } shape)
        {
            return AccessTokenValidationResult.Fail(shape);
        }

        if (_authorities.Count > 0)
        {
            await RefreshAuthorityKeysAsync(cancellationToken).ConfigureAwait(false);
        }

        TokenValidationResult result;
        try
        {
            result = await SharedTokenHandler.Instance.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return AccessTokenValidationResult.Fail(TokenFailureReasons.Malformed);
        }

        if (!result.IsValid)
        {
            return AccessTokenValidationResult.Fail(Classify(result.Exception, token));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var identity = result.ClaimsIdentity;
        var issuer = jwt.Issuer;

        if (_options.ValidateTokens)
        {
            var reason = CheckIssuerSpecific(jwt);
            if (reason is not null)
            {
                return AccessTokenValidationResult.Fail(reason);
            }
        }

        if (!jwt.TryGetPayloadValue<string>("sub", out _) && !jwt.TryGetPayloadValue<string>("client_id", out _))
        {
            return AccessTokenValidationResult.Fail(TokenFailureReasons.NoSubject);
        }

        if (_options.CheckRevocation)
        {
            var tokenId = jwt.Id;
            if (string.IsNullOrEmpty(tokenId))
            {
                return AccessTokenValidationResult.Fail(TokenFailureReasons.NoTokenId);
            }

            try
            {
                if (await _revocations.IsRevokedAsync(tokenId, cancellationToken).ConfigureAwait(false))
                {
                    return AccessTokenValidationResult.Fail(TokenFailureReasons.Revoked);
                }
            }
            catch (StoreUnavailableException ex)
            {
                TokensLog.StoreUnavailable(_logger, "access-token revocation", ex);
                return AccessTokenValidationResult.Fail(TokenFailureReasons.RevocationUnavailable);
            }
        }

        // A token must not choose how the caller is classified, so any incoming kind claim is dropped.
        foreach (var claim in identity.FindAll(ApiCallerClaimTypes.Kind).ToList())
        {
            identity.TryRemoveClaim(claim);
        }

        // The same claim types the caller is built from: a type the app does not read as permissions is not folded in.
        PermissionNames.NormalizeClaims(identity, issuer, _callerOptions.CurrentValue.PermissionClaimTypes);
        identity.AddClaim(new System.Security.Claims.Claim(ApiCallerClaimTypes.Kind, ApiCallerClaimTypes.KindToken, System.Security.Claims.ClaimValueTypes.String, issuer));
        return new AccessTokenValidationResult(identity, null, issuer);
    }

    private string? CheckIssuerSpecific(JsonWebToken jwt)
    {
        string audience;
        if (string.Equals(jwt.Issuer, _options.Issuer, StringComparison.Ordinal))
        {
            if (Array.IndexOf(OwnTypes, jwt.Typ) < 0)
            {
                return TokenFailureReasons.WrongType;
            }

            audience = _options.Audience!;
        }
        else if (_authorities.TryGetValue(jwt.Issuer, out var authority))
        {
            if (!authority.Authority.ValidTypes.Contains(jwt.Typ))
            {
                return TokenFailureReasons.WrongType;
            }

            audience = authority.Authority.Audience ?? _options.Audience!;
        }
        else
        {
            return TokenFailureReasons.WrongIssuer;
        }

        if (!jwt.Audiences.Contains(audience, StringComparer.Ordinal))
        {
            return TokenFailureReasons.WrongAudience;
        }

        // The maximum lifetime bounds how long a stolen token is useful, whatever the issuer chose.
        var start = jwt.IssuedAt != DateTime.MinValue ? jwt.IssuedAt : _time.GetUtcNow().UtcDateTime;
        if (jwt.ValidTo - start > _options.MaxLifetime)
        {
            return TokenFailureReasons.LifetimeTooLong;
        }

        return null;
    }

    private TokenValidationParameters BuildParameters()
    {
        var issuers = new List<string>();
        var audiences = new List<string>();
        var types = new HashSet<string>(OwnTypes, StringComparer.Ordinal);
        if (_options.Issuer is { } own)
        {
            issuers.Add(own);
        }

        if (_options.Audience is { } ownAudience)
        {
            audiences.Add(ownAudience);
        }

        foreach (var state in _authorities.Values)
        {
            issuers.Add(state.Authority.Issuer!);
            if (state.Authority.Audience is { } a)
            {
                audiences.Add(a);
            }

            types.UnionWith(state.Authority.ValidTypes);
        }

        return new TokenValidationParameters
        {
            ValidIssuers = issuers,
            ValidateIssuer = true,
            ValidAudiences = audiences,
            ValidateAudience = true,
            RequireAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = _options.ClockSkew,
            RequireSignedTokens = true,
            ValidAlgorithms = _allowedAlgorithms,
            ValidTypes = types,
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolver = ResolveKeys,
            LifetimeValidator = ValidateLifetime,
            AuthenticationType = TokenAuthenticationSchemes.AccessToken,
            NameClaimType = ApiCallerClaimTypes.Subject,
            RoleClaimType = "role",
            ValidateTokenReplay = false,
            LogValidationExceptions = false,
        };
    }

    private TokenValidationParameters BuildUncheckedParameters() => new()
    {
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
        RequireSignedTokens = false,
        ValidateIssuerSigningKey = false,
        SignatureValidator = static (token, _) => new JsonWebToken(token),
        AuthenticationType = TokenAuthenticationSchemes.AccessToken,
        NameClaimType = ApiCallerClaimTypes.Subject,
        LogValidationExceptions = false,
    };

    /// <summary>Checks <c>exp</c> and <c>nbf</c> against the injected <see cref="TimeProvider"/>, never the machine clock.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (notBefore is { } nbf && nbf > now + _options.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        }

        if (exp < now - _options.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = exp };
        }

        return true;
    }

    /// <summary>Returns only the key with the token's exact <c>kid</c>, of the token's issuer, for the token's algorithm.</summary>
    private IEnumerable<SecurityKey> ResolveKeys(string token, SecurityToken securityToken, string kid, TokenValidationParameters parameters)
    {
        if (string.IsNullOrEmpty(kid) || securityToken is not JsonWebToken jwt)
        {
            return [];
        }

        if (string.Equals(jwt.Issuer, _options.Issuer, StringComparison.Ordinal))
        {
            var key = _ring.Find(kid, _time.GetUtcNow());
            return key is not null && string.Equals(key.Algorithm, jwt.Alg, StringComparison.Ordinal) ? [key.Key] : [];
        }

        if (_authorities.TryGetValue(jwt.Issuer, out var authority) && authority.Keys.TryGetValue(kid, out var keys))
        {
            return keys;
        }

        return [];
    }

    private string Classify(Exception? exception, string token)
    {
        switch (exception)
        {
            case SecurityTokenExpiredException:
                return TokenFailureReasons.Expired;
            case SecurityTokenNotYetValidException:
                return TokenFailureReasons.NotYetValid;
            case SecurityTokenNoExpirationException:
                return TokenFailureReasons.NoExpiration;
            case SecurityTokenInvalidLifetimeException:
                return TokenFailureReasons.NotYetValid;
            case SecurityTokenInvalidAudienceException:
                return TokenFailureReasons.WrongAudience;
            case SecurityTokenInvalidIssuerException:
                return TokenFailureReasons.WrongIssuer;
            case SecurityTokenInvalidTypeException:
                return TokenFailureReasons.WrongType;
            case SecurityTokenMalformedException:
                return TokenFailureReasons.Malformed;
        }

        // Signature-family failures: tell an algorithm outside the allow-list and an unknown key from a bad
        // signature by reading the header again. This runs on the failure path only.
        JsonWebToken header;
        try
        {
            header = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            // SecurityTokenMalformedException derives from ArgumentException.
            return TokenFailureReasons.Malformed;
        }

        if (string.IsNullOrEmpty(header.Alg) || !_allowedAlgorithms.Contains(header.Alg))
        {
            return TokenFailureReasons.AlgorithmNotAllowed;
        }

        var issuer = header.Issuer;
        if (string.Equals(issuer, _options.Issuer, StringComparison.Ordinal))
        {
            return _ring.Find(header.Kid, _time.GetUtcNow()) is null ? TokenFailureReasons.UnknownKey : TokenFailureReasons.BadSignature;
        }

        if (issuer is not null && _authorities.TryGetValue(issuer, out var authority))
        {
            if (header.Kid is null || !authority.Keys.ContainsKey(header.Kid))
            {
                // The authority may have rotated its keys: ask for a refresh (rate-limited by the manager).
                authority.Manager?.RequestRefresh();
                return TokenFailureReasons.UnknownKey;
            }

            return TokenFailureReasons.BadSignature;
        }

        return exception is SecurityTokenSignatureKeyNotFoundException ? TokenFailureReasons.UnknownKey : TokenFailureReasons.BadSignature;
    }

    private async ValueTask RefreshAuthorityKeysAsync(CancellationToken cancellationToken)
    {
        foreach (var state in _authorities.Values)
        {
            if (state.Manager is null)
            {
                continue;
            }

            try
            {
                var configuration = await state.Manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
                state.Update(configuration);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep the last known keys; tokens signed by them stay valid while the authority is unreachable.
                TokensLog.AuthorityKeysUnavailable(_logger, state.Authority.Issuer!, ex);
            }
        }
    }

    private sealed class ExternalAuthorityState
    {
        private readonly Dictionary<string, SecurityKey[]> _fixedKeys;
        private OpenIdConnectConfiguration? _last;

        public ExternalAuthorityState(ExternalTokenAuthority authority)
        {
            Authority = authority;
            _fixedKeys = Group(authority.SigningKeys);
            Keys = _fixedKeys;
            Manager = authority.ConfigurationManager
                ?? (authority.MetadataAddress is { } address
                    ? new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = true })
                    : null);
        }

        public ExternalTokenAuthority Authority { get; }

        public IConfigurationManager<OpenIdConnectConfiguration>? Manager { get; }

        /// <summary>Replaced whole on refresh, so readers always see one consistent set.</summary>
        public Dictionary<string, SecurityKey[]> Keys { get; private set; }

        public void Update(OpenIdConnectConfiguration configuration)
        {
            if (ReferenceEquals(configuration, _last))
            {
                return;
            }

            var keys = Group(_fixedKeys.Values.SelectMany(k => k).Concat(configuration.SigningKeys));
            _last = configuration;
            Keys = keys;
        }

        private static Dictionary<string, SecurityKey[]> Group(IEnumerable<SecurityKey> keys)
            => keys.Where(k => !string.IsNullOrEmpty(k.KeyId))
                .GroupBy(k => k.KeyId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }
}
