using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>
/// The <c>HttpSignature</c> authentication scheme: it reports the caller that the request-signing middleware verified,
/// so authorization policies can name the scheme; its challenge is a 401 problem+json with an Accept-Signature hint.
/// </summary>
internal sealed class HttpSignatureAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<RequestSigningOptions> signingOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var feature = Context.Features.Get<IHttpSignatureFeature>() as HttpSignatureFeature;
        return Task.FromResult(feature is null
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Success(new AuthenticationTicket(feature.Principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var profile = signingOptions.CurrentValue.Profiles[RequestSigningOptions.DefaultProfileName];
        return RequestSigningMiddleware.WriteRejectionAsync(Context, profile, RequestSignatureOutcome.Reject(HttpSignatureError.Missing));
    }
}
