using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Turns a credential check into the scheme's answer the same way for tokens and API keys: a refusal's reason code
/// goes to metrics, logs and the security signal (never to the client); a success becomes the ticket.
/// </summary>
internal static class CredentialOutcome
{
    public static AuthenticateResult ToAuthenticateResult(
        in AccessTokenValidationResult result, HttpContext context, AuthenticationScheme scheme, ILogger logger, TokenMetrics metrics)
    {
        if (!result.Succeeded)
        {
            var reason = result.FailureReason!;
            metrics.AuthenticationFailed(scheme.Name, reason);
            TokensLog.CredentialsRefused(logger, scheme.Name, reason);
            context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.AuthenticationFailed, reason));
            return AuthenticateResult.Fail(reason);
        }

        metrics.AuthenticationSucceeded(scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(result.Identity!), scheme.Name));
    }
}
