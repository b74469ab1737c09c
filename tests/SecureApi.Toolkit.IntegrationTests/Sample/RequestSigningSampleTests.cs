using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.IntegrationTests.Sample;

public class RequestSigningSampleTests
{
    // RFC 9421 Appendix B.1 test keys (private halves; test use only).
    private const string Ed25519PrivatePem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----";
    private const string SharedSecret = "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==";

    [Theory]
    [InlineData("test-key-ed25519")]
    [InlineData("test-shared-secret")]
    public async Task RfcEndpoint_InDevelopment_EchoesVerifiedRfcKeyId(string keyId)
    {
        await using var sample = await RunningSample.StartAsync(["--environment=Development"]);
        var key = keyId == "test-key-ed25519"
            ? HttpSignatureKey.FromPem(keyId, Ed25519PrivatePem)
            : HttpSignatureKey.FromSharedSecret(keyId, Convert.FromBase64String(SharedSecret));
        var options = new HttpMessageSigningOptions { IncludeNonce = false };
        options.Keys.Add(key);
        using var client = new HttpClient(new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), TimeProvider.System) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = sample.Http.BaseAddress,
        };

        var response = await client.PostAsync("/rfc9421/verify", new StringContent("{\"hello\": \"world\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(keyId, body.GetProperty("keyId").GetString());
    }

    [Fact]
    public async Task RfcEndpoint_OutsideDevelopment_DoesNotExist()
    {
        await using var sample = await RunningSample.StartAsync(["--environment=Production"]);
        Assert.Equal(HttpStatusCode.NotFound, (await sample.Http.GetAsync("/rfc9421/verify")).StatusCode);
    }
}
