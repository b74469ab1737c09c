namespace SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

/// <summary>The end of a client chain that sends nothing: lets a test sign a request and then write it by hand.</summary>
internal sealed class NotSendingHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
}
