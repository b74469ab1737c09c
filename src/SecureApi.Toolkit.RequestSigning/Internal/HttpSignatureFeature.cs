using System.Security.Claims;
using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.RequestSigning;

internal sealed class HttpSignatureFeature(HttpSignatureVerificationResult result, string profile, ClaimsPrincipal principal) : IHttpSignatureFeature
{
    public HttpSignatureVerificationResult Result { get; } = result;

    public string Profile { get; } = profile;

    public ClaimsPrincipal Principal { get; } = principal;
}
