using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Problems;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>
/// Runs right after ASP.NET Core authentication. The signing middleware made the verified key the caller before it;
/// when authentication then replaced <c>HttpContext.User</c> with the principal of another credential on the same
/// request (a bearer token, an API key), one request would carry two callers: the signature would satisfy
/// <c>RequireSignature</c> while the other credential is served, rate limited and counted. The rule: the other
/// principal must name the same client as the signature (its <c>client_id</c>, else its <c>sub</c>); then the
/// signature's principal stays the caller. Otherwise the request is refused with 401 <c>conflicting-credentials</c>.
/// </summary>
internal sealed class ConflictingCredentialsMiddleware(RequestDelegate next, RequestSigningMetrics metrics, ILogger<ConflictingCredentialsMiddleware> logger)
{
    public const string Reason = "conflicting-credentials";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpSignatureFeature>() is not HttpSignatureFeature feature || ReferenceEquals(context.User, feature.Principal))
        {
            return next(context);
        }

        var other = context.User;
        if (other.Identity?.IsAuthenticated == true && !SameClient(feature.Principal, other))
        {
            return RejectAsync(context, feature);
        }

        // Same client, or nothing authenticated in its place: the verified signature stays the caller.
        context.User = feature.Principal;
        return next(context);
    }

    private static bool SameClient(ClaimsPrincipal signed, ClaimsPrincipal other)
    {
        var client = signed.FindFirst(ApiCallerClaimTypes.ClientId)?.Value;
        var otherClient = other.FindFirst(ApiCallerClaimTypes.ClientId)?.Value ?? other.FindFirst(ApiCallerClaimTypes.Subject)?.Value;
        return client is not null && string.Equals(client, otherClient, StringComparison.Ordinal);
    }

    private async Task RejectAsync(HttpContext context, HttpSignatureFeature feature)
    {
        metrics.Rejected(Reason);
        RequestSigningLog.SignatureRejected(logger, Reason, feature.Result.KeyId, feature.Profile, "Another credential on the request names a different caller.");
        context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.AuthenticationFailed, Reason));

        // Neither principal is the caller of a refused request.
        context.User = new ClaimsPrincipal(new ClaimsIdentity());
        await SecureApiProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, Reason, "The request carries credentials of different callers.").ConfigureAwait(false);
    }
}
