using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace SecureApi.Toolkit.HttpSignatures.Tests.Client;

public class HttpMessageSigningHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AddHttpMessageSigning_SignsAfterEveryOtherHandler()
    {
        var server = new VerifyingServer(TestKeys.SharedSecret());
        using var provider = Services(server, b => b
            .AddHttpMessageSigning(o =>
            {
                o.Keys.Add(TestKeys.SharedSecret());

                // Covering a header that a later-registered handler adds proves the signer runs after it.
                o.ComponentsWithBody.Add("x-tenant");
            })
            .AddHttpMessageHandler(() => new HeaderHandler("X-Tenant", "t-1")));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        var response = await client.PostAsync("/orders?x=1", new StringContent("{\"a\":1}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attempt = Assert.Single(server.Attempts);
        Assert.True(attempt.Result.Succeeded, attempt.Result.FailureDetail);
        Assert.Equal("t-1", attempt.Tenant);
        Assert.Equal(["@method", "@authority", "@path", "@query", "content-digest", "content-type", "x-tenant"], attempt.Result.CoveredComponents);
        Assert.Equal("sha-256=:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("{\"a\":1}"u8)) + ":", attempt.ContentDigest);
        Assert.Equal(Now, attempt.Result.Created);
        Assert.Equal(Now.AddMinutes(5), attempt.Result.Expires);
        Assert.NotNull(attempt.Result.Nonce);
    }

    [Fact]
    public async Task AddHttpMessageSigning_Retry_ResignsWithFreshNonce()
    {
        var server = new VerifyingServer(TestKeys.Ed25519Public()) { FailFirst = 2 };
        using var provider = Services(server, b => b
            .AddHttpMessageHandler(() => new RetryHandler(3))
            .AddHttpMessageSigning(o => o.Keys.Add(TestKeys.Ed25519Private())));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        var response = await client.GetAsync("/orders");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, server.Attempts.Count);
        Assert.All(server.Attempts, a => Assert.True(a.Result.Succeeded, a.Result.FailureDetail));
        Assert.Equal(3, server.Attempts.Select(a => a.Result.Nonce).Distinct().Count());
        Assert.All(server.Attempts, a => Assert.Single(a.SignatureInputs));
    }

    [Fact]
    public async Task AddHttpMessageSigning_TwoKeys_TwoSignaturesEachVerifiable()
    {
        // Each label is verified against a resolver that knows only its own key, so neither signature can pass on the other's.
        var server = new VerifyingServer(TestKeys.EcP256Public())
        {
            KeysByLabel = { ["sig1"] = TestKeys.SharedSecret(), ["sig2"] = TestKeys.EcP256Public() },
        };
        using var provider = Services(server, b => b.AddHttpMessageSigning(o =>
        {
            o.Keys.Add(TestKeys.SharedSecret());
            o.Keys.Add(TestKeys.EcP256Private());
        }));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        await client.GetAsync("/orders");

        var attempt = Assert.Single(server.Attempts);
        Assert.True(attempt.Result.Succeeded, attempt.Result.FailureDetail);
        Assert.Equal("sig2", attempt.Result.Label);
        var sig1 = attempt.ResultsByLabel["sig1"];
        Assert.True(sig1.Succeeded, sig1.FailureDetail);
        Assert.Equal("sig1", sig1.Label);
        Assert.Equal("test-shared-secret", sig1.KeyId);
        var sig2 = attempt.ResultsByLabel["sig2"];
        Assert.True(sig2.Succeeded, sig2.FailureDetail);
        Assert.Equal("sig2", sig2.Label);
        Assert.Equal("test-key-ecc-p256", sig2.KeyId);
        Assert.StartsWith("sig1=(", attempt.SignatureInputs.Single(), StringComparison.Ordinal);
        Assert.Contains(", sig2=(", attempt.SignatureInputs.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoKeys_ThrowsActionable()
    {
        var handler = new HttpMessageSigningHandler(new HttpMessageSigningOptions(), new HttpSignatureAlgorithmRegistry(), TimeProvider.System) { InnerHandler = new VerifyingServer(TestKeys.SharedSecret()) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri("https://api.example.com") };
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync("/"));
        Assert.Contains("Keys", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_EmptyBody_SignsWithoutDigest()
    {
        var server = new VerifyingServer(TestKeys.SharedSecret());
        var options = new HttpMessageSigningOptions();
        options.Keys.Add(TestKeys.SharedSecret());
        using var client = new HttpClient(new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(Now)) { InnerHandler = server }) { BaseAddress = new Uri("https://api.example.com") };
        await client.PostAsync("/ping", new ByteArrayContent([]));
        var attempt = Assert.Single(server.Attempts);
        Assert.True(attempt.Result.Succeeded);
        Assert.Null(attempt.ContentDigest);
        Assert.DoesNotContain("content-digest", attempt.Result.CoveredComponents!);
    }

    [Theory]
    [InlineData(false, null, true, true)]
    [InlineData(true, "app \"x\"", false, false)]
    [InlineData(false, "t", true, false)]
    public async Task SendAsync_PlainComponents_WritesExactlyWhatHttpMessageSignerWrites(bool includeAlgorithm, string? tag, bool nonce, bool expires)
    {
        // The handler formats plain-name signatures itself (HandlerSigningPlan); the result must be the signer's, byte for byte.
        var options = new HttpMessageSigningOptions { IncludeAlgorithm = includeAlgorithm, Tag = tag, IncludeNonce = nonce, ExpiresAfter = expires ? TimeSpan.FromMinutes(2) : null };
        options.Keys.Add(TestKeys.SharedSecret());
        options.Keys.Add(TestKeys.Ed25519Private());
        var capture = new CapturingHandler();
        using var client = new HttpClient(new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(Now)) { InnerHandler = capture }) { BaseAddress = new Uri("https://api.example.com") };

        await client.PostAsync("/orders/a%2Fb?x=1&y=%20", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        var request = capture.Request!;
        var inputs = SecureApi.Toolkit.HttpSignatures.StructuredFields.StructuredFieldParser.ParseDictionary(string.Join(", ", request.Headers.GetValues("Signature-Input")));
        var signer = new HttpMessageSigner(new HttpSignatureAlgorithmRegistry());
        var expectedInputs = new List<string>();
        var expectedSignatures = new List<string>();
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var label = "sig" + (i + 1);
            var parameters = new HttpSignatureSigningParameters
            {
                Label = label,
                Created = Now,
                Expires = expires ? Now.AddMinutes(2) : null,
                Nonce = inputs[i].Value.Parameters.TryGetValue("nonce", out var n) ? (string)n : null,
                IncludeAlgorithm = includeAlgorithm,
                Tag = tag,
            };
            foreach (var component in options.ComponentsWithBody)
            {
                parameters.Components.Add(component);
            }

            var expected = await signer.SignAsync(new HttpRequestMessageSignatureMessage(request), parameters, options.Keys[i]);
            expectedInputs.Add(expected.SignatureInput);
            expectedSignatures.Add(expected.Signature);
        }

        Assert.Equal(nonce, inputs[0].Value.Parameters.Contains("nonce"));
        Assert.Equal(string.Join(", ", expectedInputs), Assert.Single(request.Headers.GetValues("Signature-Input")));
        Assert.Equal(string.Join(", ", expectedSignatures), Assert.Single(request.Headers.GetValues("Signature")));
    }

    [Fact]
    public async Task SendAsync_TwoKeys_EverySignatureCarriesTheSameNonce()
    {
        // A server records the nonce per client: with one nonce for all signatures, dropping one cannot make a copy new.
        var options = new HttpMessageSigningOptions();
        options.Keys.Add(TestKeys.SharedSecret());
        options.Keys.Add(TestKeys.Ed25519Private());
        var capture = new CapturingHandler();
        using var client = new HttpClient(new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(Now)) { InnerHandler = capture }) { BaseAddress = new Uri("https://api.example.com") };

        await client.GetAsync("/orders");

        var inputs = SecureApi.Toolkit.HttpSignatures.StructuredFields.StructuredFieldParser.ParseDictionary(Assert.Single(capture.Request!.Headers.GetValues("Signature-Input")));
        Assert.Equal(2, inputs.Count);
        Assert.True(inputs[0].Value.Parameters.TryGetValue("nonce", out var first));
        Assert.True(inputs[1].Value.Parameters.TryGetValue("nonce", out var second));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task SendAsync_ParameterizedComponent_SignsThroughTheSigner()
    {
        var server = new VerifyingServer(TestKeys.SharedSecret());
        var options = new HttpMessageSigningOptions();
        options.Keys.Add(TestKeys.SharedSecret());
        options.Components.Add("\"@query-param\";name=\"x\"");
        using var client = new HttpClient(new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(Now)) { InnerHandler = server }) { BaseAddress = new Uri("https://api.example.com") };
        await client.GetAsync("/items?x=1");
        var attempt = Assert.Single(server.Attempts);
        Assert.True(attempt.Result.Succeeded, attempt.Result.FailureDetail);
        Assert.Contains("\"@query-param\";name=\"x\"", attempt.Result.CoveredComponents!);
    }

    [Fact]
    public async Task SendAsync_OptionsChangedBetweenRequests_SignsWithTheNewOptions()
    {
        var server = new VerifyingServer(TestKeys.SharedSecret());
        var options = new HttpMessageSigningOptions();
        options.Keys.Add(TestKeys.SharedSecret());
        using var client = new HttpClient(new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(Now)) { InnerHandler = server }) { BaseAddress = new Uri("https://api.example.com") };
        await client.GetAsync("/a");
        options.Components.Add("x-later");
        options.Tag = "v2";
        var request = new HttpRequestMessage(HttpMethod.Get, "/b");
        request.Headers.TryAddWithoutValidation("X-Later", "1");
        await client.SendAsync(request);
        Assert.Equal(2, server.Attempts.Count);
        Assert.DoesNotContain("x-later", server.Attempts[0].Result.CoveredComponents!);
        Assert.True(server.Attempts[1].Result.Succeeded, server.Attempts[1].Result.FailureDetail);
        Assert.Contains("x-later", server.Attempts[1].Result.CoveredComponents!);
        Assert.Equal("v2", server.Attempts[1].Result.Tag);
    }

    private static ServiceProvider Services(VerifyingServer server, Action<IHttpClientBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        var builder = services.AddHttpClient("api", c => c.BaseAddress = new Uri("https://api.example.com"))
            .ConfigurePrimaryHttpMessageHandler(() => server);
        configure(builder);
        return services.BuildServiceProvider();
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    private sealed class HeaderHandler(string name, string value) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(name, value);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class RetryHandler(int attempts) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage? response = null;
            for (var i = 0; i < attempts; i++)
            {
                response?.Dispose();
                response = await base.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }

            return response!;
        }
    }
}
