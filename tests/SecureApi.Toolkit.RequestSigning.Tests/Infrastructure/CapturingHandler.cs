namespace SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

/// <summary>Runs after signing and keeps the signed headers, so a test can replay them.</summary>
internal sealed class CapturingHandler : DelegatingHandler
{
    public List<KeyValuePair<string, string>> SignedHeaders { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SignedHeaders.Clear();
        foreach (var header in request.Headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                SignedHeaders.Add(new(header.Key, value));
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
