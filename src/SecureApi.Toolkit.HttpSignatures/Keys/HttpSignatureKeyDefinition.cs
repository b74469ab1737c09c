namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>One key in configuration: exactly one of <see cref="Secret"/>, <see cref="Pem"/> or <see cref="Jwk"/>, plus its policy.</summary>
public sealed class HttpSignatureKeyDefinition
{
    /// <summary>Gets or sets the key id sent in the <c>keyid</c> signature parameter.</summary>
    /// <value>The default is an empty string, which fails validation.</value>
    public string KeyId { get; set; } = string.Empty;

    /// <summary>Gets or sets a shared secret, base64, at least 32 bytes (for hmac-sha256).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Secret { get; set; }

    /// <summary>Gets or sets a PEM key (public for verifying, private for signing).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Pem { get; set; }

    /// <summary>Gets or sets a JSON Web Key.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Jwk { get; set; }

    /// <summary>Gets the algorithms the key may be used with; empty means the one that fits the key type.</summary>
    /// <value>The default is empty.</value>
    public IList<string> Algorithms { get; } = [];

    /// <summary>Gets or sets the start of the validity window.</summary>
    /// <value>The default is <see langword="null"/> (no start).</value>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>Gets or sets the end of the validity window (exclusive).</summary>
    /// <value>The default is <see langword="null"/> (no end).</value>
    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>Gets or sets the client the key belongs to; becomes the caller's <c>sub</c> and <c>client_id</c>.</summary>
    /// <value>The default is <see langword="null"/> (the key id).</value>
    public string? ClientId { get; set; }

    /// <summary>Gets the permissions granted to requests signed with the key.</summary>
    /// <value>The default is empty.</value>
    public IList<string> Permissions { get; } = [];

    /// <summary>Builds the key this definition describes.</summary>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The definition is invalid; the message names the option, never the material.</exception>
    public HttpSignatureKey Build()
    {
        if (string.IsNullOrWhiteSpace(KeyId))
        {
            throw new ArgumentException("HttpSignatureKeyDefinition.KeyId is required.");
        }

        var sources = (Secret is null ? 0 : 1) + (Pem is null ? 0 : 1) + (Jwk is null ? 0 : 1);
        if (sources != 1)
        {
            throw new ArgumentException($"Key '{KeyId}': set exactly one of Secret, Pem or Jwk.");
        }

        HttpSignatureKey key;
        try
        {
            if (Secret is not null)
            {
                var bytes = Convert.FromBase64String(Secret);
                try
                {
                    key = HttpSignatureKey.FromSharedSecret(KeyId, bytes);
                }
                finally
                {
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
                }
            }
            else
            {
                key = Pem is not null ? HttpSignatureKey.FromPem(KeyId, Pem) : HttpSignatureKey.FromJwk(Jwk!, KeyId);
            }
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException or System.Text.Json.JsonException or ArgumentException)
        {
            throw new ArgumentException($"Key '{KeyId}': the key material cannot be read ({ex.GetType().Name}: {(ex is ArgumentException ? ex.Message : "invalid encoding")}).");
        }

        if (NotBefore is { } nb && NotAfter is { } na && na <= nb)
        {
            key.Dispose();
            throw new ArgumentException($"Key '{KeyId}': NotAfter must be after NotBefore.");
        }

        if (Algorithms.Count > 0)
        {
            key.Algorithms = [.. Algorithms];
        }

        key.NotBefore = NotBefore;
        key.NotAfter = NotAfter;
        key.ClientId = ClientId;
        key.Permissions = [.. Permissions];
        return key;
    }
}
