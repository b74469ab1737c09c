namespace SecureApi.Toolkit.Tokens;

/// <summary>An activation code just issued. Only its hash is stored: deliver <see cref="Code"/> to the third party now.</summary>
public sealed class IssuedActivationCode
{
    internal IssuedActivationCode(string code, string clientId, IReadOnlyList<string> permissions, DateTimeOffset expiresAt)
    {
        Code = code;
        ClientId = clientId;
        Permissions = permissions;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets the one-time code.</summary>
    public string Code { get; }

    /// <summary>Gets the client the code activates.</summary>
    public string ClientId { get; }

    /// <summary>Gets the permissions the activated client receives.</summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>Gets when the code stops being redeemable.</summary>
    public DateTimeOffset ExpiresAt { get; }
}
