using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

namespace SecureApi.Toolkit.RequestSigning.Tests;

/// <summary>An unknown key id and a known key id with a bad signature look the same to the caller.</summary>
public class KeyIdOracleTests
{
    [Fact]
    public async Task Get_UnknownKeyAndKnownKeyWithBadSignature_SameAnswerButMetricDistinguishes()
    {
        await using var server = await SigningServer.StartAsync();
        using var rejected = new MetricCollector<long>(server.App.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "SecureApi.Toolkit.RequestSigning", "secureapi.request_signing.rejected");
        var wrongSecret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(64);
        using var known = server.CreateClient(o => o.Keys.Add(HttpSignatureKey.FromSharedSecret("key-hmac-sha256", wrongSecret)));
        using var unknown = server.CreateClient(o => o.Keys.Add(HttpSignatureKey.FromSharedSecret("no-such-key", wrongSecret)));

        var badSignature = await known.GetAsync("/signed");
        var unknownKey = await unknown.GetAsync("/signed");

        Assert.Equal(HttpStatusCode.Unauthorized, badSignature.StatusCode);
        Assert.Equal(badSignature.StatusCode, unknownKey.StatusCode);
        Assert.Equal(await badSignature.Content.ReadAsByteArrayAsync(), await unknownKey.Content.ReadAsByteArrayAsync());
        Assert.Equal(Headers(badSignature), Headers(unknownKey));
        Assert.Equal(
            ["signature-invalid", "unknown-key"],
            rejected.GetMeasurementSnapshot().Select(m => (string)m.Tags["reason"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_KnownKeyWithAlgorithmTheKeyDoesNotAllow_SameAnswerAsUnknownKey()
    {
        // alg=ed25519 is allowed by the profile; only the key (hmac) refuses it — that must not tell the key exists.
        await using var server = await SigningServer.StartAsync();
        var created = server.Time.GetUtcNow().ToUnixTimeSeconds();
        async Task<HttpResponseMessage> SendAsync(string keyId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/signed");
            request.Headers.TryAddWithoutValidation("Signature-Input", $"sig1=(\"@method\" \"@authority\" \"@path\" \"@query\");created={created};keyid=\"{keyId}\";alg=\"ed25519\";nonce=\"n-{keyId}\"");
            request.Headers.TryAddWithoutValidation("Signature", "sig1=:AAAA:");
            return await server.CreatePlainClient().SendAsync(request);
        }

        var knownKey = await SendAsync("key-hmac-sha256");
        var unknownKey = await SendAsync("no-such-key");

        Assert.Equal(HttpStatusCode.Unauthorized, knownKey.StatusCode);
        Assert.Equal(await knownKey.Content.ReadAsByteArrayAsync(), await unknownKey.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_KnownKeyWithMissingComponent_SameAnswerAsUnknownKey()
    {
        // A covered header that is absent: the answer must not depend on whether the key id exists.
        await using var server = await SigningServer.StartAsync();
        var created = server.Time.GetUtcNow().ToUnixTimeSeconds();
        async Task<HttpResponseMessage> SendAsync(string keyId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/signed");
            request.Headers.TryAddWithoutValidation("Signature-Input", $"sig1=(\"@method\" \"@authority\" \"@path\" \"@query\" \"x-absent\");created={created};keyid=\"{keyId}\";nonce=\"n-{keyId}\"");
            request.Headers.TryAddWithoutValidation("Signature", "sig1=:AAAA:");
            return await server.CreatePlainClient().SendAsync(request);
        }

        var knownKey = await SendAsync("key-hmac-sha256");
        var unknownKey = await SendAsync("no-such-key");

        Assert.Equal(HttpStatusCode.Unauthorized, knownKey.StatusCode);
        Assert.Equal(await knownKey.Content.ReadAsByteArrayAsync(), await unknownKey.Content.ReadAsByteArrayAsync());
    }

    private static string[] Headers(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").Select(h => h.Key + ": " + string.Join(",", h.Value)).Order(StringComparer.Ordinal)];
}
