using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace SecureApi.Toolkit.HttpSignatures.Tests.Client;

/// <summary>A terminal handler that verifies each attempt as a server would and records what it saw.</summary>
internal sealed class VerifyingServer(HttpSignatureKey key) : HttpMessageHandler
{
    public List<Attempt> Attempts { get; } = [];

    public int FailFirst { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var message = InMemoryHttpMessage.CreateRequest(request.Method.Method, uri.Scheme, uri.Authority, uri.PathAndQuery);
        foreach (var header in request.Headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                message.AddField(header.Key, value);
            }
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers.NonValidated)
            {
                foreach (var value in header.Value)
                {
                    message.AddField(header.Key, value);
                }
            }
        }

        var verifier = new HttpMessageSignatureVerifier(new DictionaryKeyResolver(key), new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero)));
        var result = await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy { RequireNonce = true }, cancellationToken);
        Attempts.Add(new Attempt(
            result,
            message.GetFieldValues("x-tenant", false)?.Single(),
            message.GetFieldValues("content-digest", false)?.Single(),
            message.GetFieldValues("signature-input", false) ?? []));
        var status = Attempts.Count <= FailFirst ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        return new HttpResponseMessage(status);
    }

    internal sealed record Attempt(HttpSignatureVerificationResult Result, string? Tenant, string? ContentDigest, IReadOnlyList<string> SignatureInputs);
}
