namespace SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

/// <summary>Runs after signing: changes the request the way an attacker on the path would.</summary>
internal sealed class TamperingHandler(Func<HttpRequestMessage, Task> tamper) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await tamper(request);
        return await base.SendAsync(request, cancellationToken);
    }
}
