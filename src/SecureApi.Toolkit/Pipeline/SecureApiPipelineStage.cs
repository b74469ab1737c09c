namespace SecureApi.Toolkit.Pipeline;

/// <summary>
/// The places in the request pipeline where <c>UseSecureApi()</c> puts SecureApi parts, in this order.
/// </summary>
public enum SecureApiPipelineStage
{
    /// <summary>Outermost: sees every response, including rejections by later parts (anomaly observer).</summary>
    Observer = 100,

    /// <summary>Rejects suspended callers before any other work is spent on them.</summary>
    SuspensionGate = 200,

    /// <summary>ASP.NET Core authentication (signature, JWT and API-key schemes) — added by core.</summary>
    Authentication = 300,

    /// <summary>
    /// Right after authentication, before rate limiting: checks that need the authenticated caller, such as the
    /// suspension gate's second look at a caller that the pre-authentication gate could only see by address.
    /// </summary>
    AfterAuthentication = 350,

    /// <summary>Rate limiting by caller, after the caller is known.</summary>
    RateLimiting = 400,

    /// <summary>ASP.NET Core authorization (permissions, required signatures) — added by core.</summary>
    Authorization = 500,

    /// <summary>Parts that must run just before the endpoint (for example request-body guards).</summary>
    Endpoint = 600,
}
