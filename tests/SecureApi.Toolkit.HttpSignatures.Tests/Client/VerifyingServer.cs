using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace SecureApi.Toolkit.HttpSignatures.Tests.Client;

/// <summary>A terminal handler that verifies each attempt as a server would and records what it saw.</summary>
internal sealed class VerifyingServer(HttpSignatureKey key) : HttpMessageHandler
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    public List<Attempt> Attempts { get; } = [];

    public int FailFirst { get; set; }

    /// <summary>Gets the labels to verify one by one, each against only its own key, so every signature of a multi-signature request is checked.</summary>
    public Dictionary<string, HttpSignatureKey> KeysByLabel { get; } = [];

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

        var verifier = new HttpMessageSignatureVerifier(new DictionaryKeyResolver(key), new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(Now));
        var result = await verifier.VerifyAsync(message, new HttpSignatureVerificationPolicy { RequireNonce = true }, cancellationToken);
        var byLabel = new Dictionary<string, HttpSignatureVerificationResult>(StringComparer.Ordinal);
        foreach (var (label, labelKey) in KeysByLabel)
        {
            var labelVerifier = new HttpMessageSignatureVerifier(new DictionaryKeyResolver(labelKey), new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(Now));
            byLabel[label] = await labelVerifier.VerifyAsync(message, new HttpSignatureVerificationPolicy { RequireNonce = true, Label = label }, cancellationToken);
        }

        Attempts.Add(new Attempt(
            result,
            byLabel,
            message.GetFieldValues("x-tenant", false)?.Single(),
            message.GetFieldValues("content-digest", false)?.Single(),
            message.GetFieldValues("signature-input", false) ?? []));
        var status = Attempts.Count <= FailFirst ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        return new HttpResponseMessage(status);
    }

    internal sealed record Attempt(HttpSignatureVerificationResult Result, IReadOnlyDictionary<string, HttpSignatureVerificationResult> ResultsByLabel, string? Tenant, string? ContentDigest, IReadOnlyList<string> SignatureInputs);
}
