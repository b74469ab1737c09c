using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>The verified signature of the current request, in <c>HttpContext.Features</c>.</summary>
public interface IHttpSignatureFeature
{
    /// <summary>Gets the successful verification result (key, label, algorithm, created, nonce).</summary>
    HttpSignatureVerificationResult Result { get; }

    /// <summary>Gets the profile the request was verified against.</summary>
    string Profile { get; }
}
