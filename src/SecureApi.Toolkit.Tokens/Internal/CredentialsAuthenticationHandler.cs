using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace SecureApi.Toolkit.Tokens.Internal;

/// <summary>
/// The forwarding scheme <see cref="TokenAuthenticationSchemes.Credentials"/>: hands authenticate, challenge and forbid
/// to the scheme matching the credential the request carries (<see cref="CredentialSchemes.Select"/>). ASP.NET Core's
/// policy scheme would do the same through <c>IAuthenticationService</c> a second time, which costs a second claims
/// transformation pass, ticket and result per request; this asks the target handler directly. The handler instance
/// is the request's own (the handler provider caches it), so its result and state are shared with direct calls.
/// </summary>
internal sealed class CredentialsAuthenticationHandler(CredentialSchemes schemes, IAuthenticationHandlerProvider handlers) : IAuthenticationHandler
{
    private HttpContext? _context;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _context = context;
        return Task.CompletedTask;
    }

    public async Task<AuthenticateResult> AuthenticateAsync()
        => await (await TargetAsync().ConfigureAwait(false)).AuthenticateAsync().ConfigureAwait(false);

    public async Task ChallengeAsync(AuthenticationProperties? properties)
        => await (await TargetAsync().ConfigureAwait(false)).ChallengeAsync(properties).ConfigureAwait(false);

    public async Task ForbidAsync(AuthenticationProperties? properties)
        => await (await TargetAsync().ConfigureAwait(false)).ForbidAsync(properties).ConfigureAwait(false);

    private async Task<IAuthenticationHandler> TargetAsync()
    {
        var context = _context ?? throw new InvalidOperationException("The handler was not initialized.");
        var target = schemes.Select(context);
        return await handlers.GetHandlerAsync(context, target).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The authentication scheme '{target}' that {TokenAuthenticationSchemes.Credentials} forwards to is not registered.");
    }
}
