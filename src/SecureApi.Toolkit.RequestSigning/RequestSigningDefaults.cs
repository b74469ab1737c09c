namespace SecureApi.Toolkit.RequestSigning;

/// <summary>Names used by request signing.</summary>
public static class RequestSigningDefaults
{
    /// <summary>The authentication scheme name.</summary>
    public const string AuthenticationScheme = "HttpSignature";

    /// <summary>The claim holding the key id that verified the request.</summary>
    public const string KeyIdClaimType = "secureapi_signature_keyid";

    /// <summary>The reason code when the replay store could not answer and the profile fails closed.</summary>
    public const string ReplayCheckUnavailableReason = "replay-check-unavailable";
}
