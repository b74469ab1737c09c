using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Hashing;
using SecureApi.Toolkit.Stores;
using SecureApi.Toolkit.Tokens.Internal;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Registers third-party clients (secrets stored as Argon2id hashes), issues one-time activation codes bound to a
/// client and a permission set, and redeems them — exactly once — for client credentials.
/// </summary>
public sealed class ClientCredentialsManager
{
    internal const string ActivationPurpose = "activation";
    private readonly IOptionsMonitor<ClientCredentialsOptions> _options;
    private readonly IClientStore _clients;
    private readonly IOneTimeCodeStore _codes;
    private readonly ICredentialHasher _hasher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal ClientCredentialsManager(
        IOptionsMonitor<ClientCredentialsOptions> options,
        IClientStore clients,
        IOneTimeCodeStore codes,
        ICredentialHasher hasher,
        TimeProvider time,
        ILogger<ClientCredentialsManager> logger)
    {
        _options = options;
        _clients = clients;
        _codes = codes;
        _hasher = hasher;
        _time = time;
        _logger = logger;
    }

    /// <summary>Registers (or re-registers with a new secret) a client directly.</summary>
    /// <param name="clientId">The client id: 1 to 100 letters, digits, <c>.</c>, <c>_</c> or <c>-</c>.</param>
    /// <param name="permissions">The permissions tokens for this client may carry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The credentials, with the secret shown this once.</returns>
    /// <exception cref="ArgumentException">The client id or a permission name is not valid.</exception>
    /// <exception cref="HashingOverloadedException">The hashing budget refused the work; try again later.</exception>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    public async ValueTask<ClientCredentials> RegisterAsync(string clientId, IEnumerable<string> permissions, CancellationToken cancellationToken = default)
    {
        ValidateClientId(clientId);
        var granted = PermissionNames.Normalize(permissions, nameof(permissions));
        var secret = NewSecret();
        var hash = await _hasher.HashAsync(secret, cancellationToken).ConfigureAwait(false);
        await _clients.SaveAsync(new ClientRecord { ClientId = clientId, SecretHash = hash, Permissions = granted, CreatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        return new ClientCredentials(clientId, secret, granted);
    }

    /// <summary>Issues a one-time activation code the third party redeems later for its credentials.</summary>
    /// <param name="clientId">The client the code activates.</param>
    /// <param name="permissions">The permissions the client receives.</param>
    /// <param name="validity">How long the code can be redeemed. The default is <see cref="ClientCredentialsOptions.ActivationCodeValidity"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The code, to deliver now; only its hash is stored.</returns>
    /// <exception cref="ArgumentException">The client id or a permission name is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validity"/> is not positive or exceeds the maximum.</exception>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    public async ValueTask<IssuedActivationCode> IssueActivationCodeAsync(string clientId, IEnumerable<string> permissions, TimeSpan? validity = null, CancellationToken cancellationToken = default)
    {
        ValidateClientId(clientId);
        var granted = PermissionNames.Normalize(permissions, nameof(permissions));
        var options = _options.CurrentValue;
        var life = validity ?? options.ActivationCodeValidity;
        if (life <= TimeSpan.Zero || life > options.MaxActivationCodeValidity)
        {
            throw new ArgumentOutOfRangeException(nameof(validity), life, $"The validity must be positive and at most ClientCredentialsOptions.MaxActivationCodeValidity ({options.MaxActivationCodeValidity}).");
        }

        var expiresAt = _time.GetUtcNow() + life;
        var payload = JsonSerializer.Serialize(new ActivationPayload(clientId, granted, expiresAt.ToUnixTimeMilliseconds()));
        while (true)
        {
            var code = ApiKeyFormat.CreateCode(options.ActivationCodePrefix);
            if (await _codes.TryAddAsync(ActivationPurpose, CodeHash(code), payload, life, cancellationToken).ConfigureAwait(false))
            {
                TokensLog.ActivationCodeIssued(_logger, clientId, expiresAt);
                return new IssuedActivationCode(code, clientId, granted, expiresAt);
            }
        }
    }

    /// <summary>
    /// Redeems an activation code: takes it from the store atomically (of two concurrent redemptions, even on two
    /// instances, exactly one succeeds) and registers the client with a new secret.
    /// </summary>
    /// <param name="code">The code the third party presents.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The credentials, or <see langword="null"/> when the code is malformed, unknown, expired or used.</returns>
    /// <exception cref="HashingOverloadedException">The hashing budget refused the work; the code stays redeemable.</exception>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    public async ValueTask<ClientCredentials?> RedeemActivationCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!ApiKeyFormat.IsWellFormedCode(code, _options.CurrentValue.ActivationCodePrefix))
        {
            return null;
        }

        var codeHash = CodeHash(code);
        var json = await _codes.TryTakeAsync(ActivationPurpose, codeHash, cancellationToken).ConfigureAwait(false);
        if (json is null || JsonSerializer.Deserialize<ActivationPayload>(json) is not { } payload)
        {
            return null;
        }

        try
        {
            var credentials = await RegisterAsync(payload.ClientId, payload.Permissions, cancellationToken).ConfigureAwait(false);
            TokensLog.ClientActivated(_logger, payload.ClientId);
            return credentials;
        }
        catch (Exception ex) when (ex is HashingOverloadedException or StoreUnavailableException or OperationCanceledException)
        {
            // The code was taken but no credentials were made: put it back for its remaining validity.
            var remaining = DateTimeOffset.FromUnixTimeMilliseconds(payload.ExpiresAtMs) - _time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await _codes.TryAddAsync(ActivationPurpose, codeHash, json, remaining, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Removes a client: its secret stops working (tokens already issued live out their short lifetime).</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the client existed.</returns>
    /// <exception cref="StoreUnavailableException">The store could not answer.</exception>
    public ValueTask<bool> DeleteClientAsync(string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        return _clients.DeleteAsync(clientId, cancellationToken);
    }

    /// <summary>
    /// Verifies a client's secret. An unknown client costs the same Argon2 work as a known one, so timing does not
    /// reveal which client ids exist; a hash made under older parameters is upgraded on success.
    /// </summary>
    internal async ValueTask<(ClientRecord? Client, CredentialVerification Verification)> VerifyAsync(string clientId, string secret, CancellationToken cancellationToken)
    {
        var record = await _clients.FindAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return (null, await _hasher.VerifyUnknownUserAsync(secret, cancellationToken).ConfigureAwait(false));
        }

        var verification = await _hasher.VerifyAsync(secret, record.SecretHash, cancellationToken).ConfigureAwait(false);
        if (verification.RehashNeeded)
        {
            try
            {
                var upgraded = await _hasher.HashAsync(secret, cancellationToken).ConfigureAwait(false);
                await _clients.SaveAsync(new ClientRecord { ClientId = record.ClientId, SecretHash = upgraded, Permissions = record.Permissions, CreatedAt = record.CreatedAt }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HashingOverloadedException or StoreUnavailableException)
            {
                // The secret was right; the upgrade is retried on the next successful verification.
            }
        }

        return (record, verification);
    }

    internal static bool IsValidClientId(string? clientId)
        => clientId is { Length: > 0 and <= 100 } && clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static void ValidateClientId(string clientId)
    {
        if (!IsValidClientId(clientId))
        {
            throw new ArgumentException("A client id is 1 to 100 letters, digits, '.', '_' or '-'.", nameof(clientId));
        }
    }

    private static string NewSecret()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        var secret = Base64Url.EncodeToString(bytes);
        CryptographicOperations.ZeroMemory(bytes);
        return secret;
    }

    /// <summary>Codes carry about 190 random bits, so an unkeyed SHA-256 is enough to store them.</summary>
    private static string CodeHash(string code) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(code)));

    private sealed record ActivationPayload(string ClientId, string[] Permissions, long ExpiresAtMs);
}
