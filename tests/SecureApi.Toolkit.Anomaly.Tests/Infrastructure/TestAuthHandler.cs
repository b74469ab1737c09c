using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Tests.Infrastructure;

/// <summary>"Authorization: Test alice" authenticates sub:alice; "Authorization: Test bad…" (any credential starting with "bad") fails and reports the failure.</summary>
internal sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Test ", StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = header["Test ".Length..];
        if (user.StartsWith("bad", StringComparison.Ordinal))
        {
            Context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.AuthenticationFailed, "bad-credentials"));
            return Task.FromResult(AuthenticateResult.Fail("bad credentials"));
        }

        var identity = new ClaimsIdentity([new Claim("sub", user)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
