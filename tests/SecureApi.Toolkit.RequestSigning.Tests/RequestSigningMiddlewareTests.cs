using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.RequestSigning.Tests;

public class RequestSigningMiddlewareTests
{
    public static TheoryData<string> AllAlgorithms => [.. TestKeyMaterial.Algorithms];

    [Fact]
    public async Task Get_SignedWithHmac_AcceptedAsSignedClientWithKeyPermissions()
    {
        await using var server = await SigningServer.StartAsync();
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);

        var response = await client.GetAsync("/signed?page=2&q=a%20b");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = await response.Content.ReadFromJsonAsync<CallerView>();
        Assert.Equal("sig:acme", caller!.Id);
        Assert.Equal("SignedClient", caller.Kind);
        Assert.Equal("acme", caller.ClientId);
        Assert.Equal(["orders.read", "orders.write"], caller.Permissions);
        Assert.Equal("key-hmac-sha256", caller.KeyId);
        Assert.Empty(server.Signals.Signals);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public async Task PostAndGet_EveryAlgorithm_RoundTripOverTestServer(string algorithm)
    {
        await using var server = await SigningServer.StartAsync();
        using var client = server.CreateClient(algorithm);
        var path = algorithm == HttpSignatureAlgorithms.RsaV15Sha256 ? "/legacy" : "/signed";

        var get = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("key-" + algorithm, (await get.Content.ReadFromJsonAsync<CallerView>())!.KeyId);

        if (algorithm != HttpSignatureAlgorithms.RsaV15Sha256)
        {
            var post = await client.PostAsync("/signed", new StringContent("{\"order\":42}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Equal("{\"order\":42}", await post.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public async Task Post_EveryAlgorithm_RoundTripOverKestrelLoopback(string algorithm)
    {
        await using var server = await SigningServer.StartAsync(kestrel: true);
        using var client = server.CreateClient(algorithm);
        var path = algorithm == HttpSignatureAlgorithms.RsaV15Sha256 ? "/legacy" : "/signed";

        var response = algorithm == HttpSignatureAlgorithms.RsaV15Sha256
            ? await client.GetAsync(path + "?x=%2F%41")
            : await client.PostAsync(path + "?x=%2F%41", new StringContent("body over real HTTP", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_RequiredButUnsigned_401MissingWithAcceptSignatureAndSignal()
    {
        await using var server = await SigningServer.StartAsync();
        var response = await server.CreatePlainClient().GetAsync("/signed");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemView>();
        Assert.Equal("signature-missing", problem!.Reason);
        Assert.Equal("urn:secureapi:problem:signature-missing", problem.Type);
        Assert.Equal("sig1=(\"@method\" \"@authority\" \"@path\" \"@query\");created;nonce", Assert.Single(response.Headers.GetValues("Accept-Signature")));
        var signal = Assert.Single(server.Signals.Signals);
        Assert.Equal(SecuritySignalKind.SignatureRejected, signal.Kind);
        Assert.Equal("signature-missing", signal.Reason);
    }

    [Fact]
    public async Task Post_BodyTamperedAfterSigning_401DigestMismatch()
    {
        await using var server = await SigningServer.StartAsync();
        var tamper = new TamperingHandler(request =>
        {
            var headers = request.Content!.Headers.NonValidated.ToList();
            request.Content = new StringContent("{\"order\":43}");
            request.Content.Headers.Clear();
            foreach (var h in headers)
            {
                request.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }

            return Task.CompletedTask;
        });
        using var client = server.CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.Ed25519)), tamper);

        var response = await client.PostAsync("/signed", new StringContent("{\"order\":42}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("digest-mismatch", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Post_DigestReplacedToMatchTamperedBody_401InvalidSignature()
    {
        await using var server = await SigningServer.StartAsync();
        var tamper = new TamperingHandler(request =>
        {
            var contentType = request.Content!.Headers.ContentType;
            request.Content = new StringContent("{\"order\":43}");
            request.Content.Headers.ContentType = contentType;
            request.Content.Headers.TryAddWithoutValidation("Content-Digest", ContentDigest.Format(ContentDigest.Sha256, ContentDigest.Compute("{\"order\":43}"u8, ContentDigest.Sha256)));
            return Task.CompletedTask;
        });
        using var client = server.CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256)), tamper);

        var response = await client.PostAsync("/signed", new StringContent("{\"order\":42}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-invalid", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_PathTamperedAfterSigning_401InvalidSignature()
    {
        await using var server = await SigningServer.StartAsync();
        var tamper = new TamperingHandler(request =>
        {
            request.RequestUri = new Uri(request.RequestUri!, "/signed/admin");
            return Task.CompletedTask;
        });
        using var client = server.CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256)), tamper);
        var response = await client.GetAsync("/signed/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-invalid", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_ReplayedRequest_401ReplayedWithReplaySignal()
    {
        await using var server = await SigningServer.StartAsync();
        var capture = new CapturingHandler();
        using var client = server.CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256)), capture);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signed")).StatusCode);

        var replay = new HttpRequestMessage(HttpMethod.Get, "/signed");
        foreach (var (name, value) in capture.SignedHeaders)
        {
            replay.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await server.CreatePlainClient().SendAsync(replay);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-replayed", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
        Assert.Equal(SecuritySignalKind.Replay, Assert.Single(server.Signals.Signals).Kind);
    }

    [Fact]
    public async Task Get_InvalidSignatureWithNonce_DoesNotConsumeNonce()
    {
        await using var server = await SigningServer.StartAsync();
        var capture = new CapturingHandler();
        var corrupt = true;
        var tamper = new TamperingHandler(request =>
        {
            if (corrupt)
            {
                // Keep the nonce, break the signature bytes.
                var signature = request.Headers.GetValues("Signature").Single();
                request.Headers.Remove("Signature");
                request.Headers.TryAddWithoutValidation("Signature", signature.Replace("sig1=:", "sig1=:AAAA", StringComparison.Ordinal));
            }

            return Task.CompletedTask;
        });
        using var client = server.CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256)), capture, tamper);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/signed")).StatusCode);

        corrupt = false;
        var replay = new HttpRequestMessage(HttpMethod.Get, "/signed");
        foreach (var (name, value) in capture.SignedHeaders)
        {
            replay.Headers.TryAddWithoutValidation(name, value);
        }

        Assert.Equal(HttpStatusCode.OK, (await server.CreatePlainClient().SendAsync(replay)).StatusCode);
    }

    [Fact]
    public async Task Get_SignatureOlderThanMaxAge_401TooOld()
    {
        await using var server = await SigningServer.StartAsync();
        var clientTime = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(server.Time.GetUtcNow() - TimeSpan.FromMinutes(6));
        using var client = server.CreateClient(Options(HttpSignatureAlgorithms.HmacSha256, o => o.ExpiresAfter = null), clientTime);
        var response = await client.GetAsync("/signed");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-too-old", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_SignatureExpired_401Expired()
    {
        await using var server = await SigningServer.StartAsync();
        var delay = new TamperingHandler(_ =>
        {
            server.Time.Advance(TimeSpan.FromSeconds(31));
            return Task.CompletedTask;
        });
        using var client = server.CreateClient(
            o =>
            {
                o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256));
                o.ExpiresAfter = TimeSpan.FromSeconds(30);
            },
            delay);
        var response = await client.GetAsync("/signed");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-expired", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_CreatedInTheFuture_401FromFuture()
    {
        await using var server = await SigningServer.StartAsync();
        var clientTime = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(server.Time.GetUtcNow() + TimeSpan.FromMinutes(2));
        using var client = ClientWithClock(server, clientTime, HttpSignatureAlgorithms.HmacSha256);
        var response = await client.GetAsync("/signed");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-from-future", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_WithinFutureSkew_Accepted()
    {
        await using var server = await SigningServer.StartAsync();
        var clientTime = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(server.Time.GetUtcNow() + TimeSpan.FromSeconds(20));
        using var client = ClientWithClock(server, clientTime, HttpSignatureAlgorithms.HmacSha256);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signed")).StatusCode);
    }

    [Fact]
    public async Task Get_UnknownKey_401SignatureInvalidSignalUnknownKey()
    {
        await using var server = await SigningServer.StartAsync();
        using var client = server.CreateClient(o => o.Keys.Add(HttpSignatureKey.FromSharedSecret("stranger", TestKeyMaterial.Secret)));
        var response = await client.GetAsync("/signed");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemView>();
        Assert.Equal("signature-invalid", problem!.Reason);
        Assert.Equal("unknown-key", Assert.Single(server.Signals.Signals).Reason);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("stranger", body, StringComparison.Ordinal);
        Assert.DoesNotContain("@signature-params", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LegacyAlgorithmOnDefaultProfile_401SignatureInvalidSignalBadAlgorithm()
    {
        await using var server = await SigningServer.StartAsync();
        using var client = server.CreateClient(HttpSignatureAlgorithms.RsaV15Sha256);
        var response = await client.GetAsync("/signed");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-invalid", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
        Assert.Equal("bad-algorithm", Assert.Single(server.Signals.Signals).Reason);
    }

    [Fact]
    public async Task Get_PathNotCovered_401InsufficientCoverageWithHint()
    {
        await using var server = await SigningServer.StartAsync();
        using var client = server.CreateClient(o =>
        {
            o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256));
            o.Components.Remove("@path");
        });
        var response = await client.GetAsync("/signed");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("insufficient-coverage", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
        Assert.True(response.Headers.Contains("Accept-Signature"));
    }

    [Fact]
    public async Task Get_NoNonce_401InsufficientCoverage()
    {
        await using var server = await SigningServer.StartAsync();
        using var client = server.CreateClient(o =>
        {
            o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256));
            o.IncludeNonce = false;
        });
        var response = await client.GetAsync("/signed");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("insufficient-coverage", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_StrictProfile_RequiresExpiresAndTag()
    {
        await using var server = await SigningServer.StartAsync();

        // The client sends expires by default (ExpiresAfter is 5 minutes): only the tag is missing.
        using var untagged = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);
        var rejected = await untagged.GetAsync("/strict");
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal("insufficient-coverage", (await rejected.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
        var hint = Assert.Single(rejected.Headers.GetValues("Accept-Signature"));
        Assert.Contains("tag=\"app\"", hint, StringComparison.Ordinal);
        Assert.Contains(";expires", hint, StringComparison.Ordinal);

        // Tagged but without expires: only expires is missing.
        using var taggedWithoutExpires = server.CreateClient(o =>
        {
            o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256));
            o.Tag = "app";
            o.ExpiresAfter = null;
        });
        var noExpires = await taggedWithoutExpires.GetAsync("/strict");
        Assert.Equal(HttpStatusCode.Unauthorized, noExpires.StatusCode);
        Assert.Equal("insufficient-coverage", (await noExpires.Content.ReadFromJsonAsync<ProblemView>())!.Reason);

        using var tagged = server.CreateClient(o =>
        {
            o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256));
            o.Tag = "app";
        });
        Assert.Equal(HttpStatusCode.OK, (await tagged.GetAsync("/strict")).StatusCode);
    }

    [Fact]
    public async Task Get_OpenEndpoint_UnsignedIsAnonymousAndInvalidSignatureIsRejected()
    {
        await using var server = await SigningServer.StartAsync();
        var anonymous = await server.CreatePlainClient().GetFromJsonAsync<CallerView>("/open");
        Assert.Equal("AnonymousAddress", anonymous!.Kind);

        using var signed = server.CreateClient(HttpSignatureAlgorithms.Ed25519);
        Assert.Equal("SignedClient", (await signed.GetFromJsonAsync<CallerView>("/open"))!.Kind);

        // Fresh, fully covered and with a nonce, so the only fault left is the signature bytes themselves.
        var created = server.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var forged = new HttpRequestMessage(HttpMethod.Get, "/open");
        forged.Headers.TryAddWithoutValidation("Signature-Input", "sig1=(\"@method\" \"@authority\" \"@path\" \"@query\");created=" + created + ";nonce=\"forged-nonce\";keyid=\"key-ed25519\"");
        forged.Headers.TryAddWithoutValidation("Signature", "sig1=:" + Convert.ToBase64String(new byte[64]) + ":");
        var rejected = await server.CreatePlainClient().SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal("signature-invalid", (await rejected.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_DisabledEndpoint_IgnoresGarbageSignature()
    {
        await using var server = await SigningServer.StartAsync(o => o.RequireByDefault = true);
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.TryAddWithoutValidation("Signature-Input", "garbage(");
        Assert.Equal(HttpStatusCode.OK, (await server.CreatePlainClient().SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.CreatePlainClient().GetAsync("/open")).StatusCode);
    }

    [Theory]
    [InlineData("sig1=(\"@method\";created=1", "signature-malformed")]
    [InlineData("sig1=(\"@method\" \"@path\" \"@authority\" \"@query\" \"@bogus\");created=1798074000;nonce=\"n\";keyid=\"key-hmac-sha256\"", "invalid-component")]
    [InlineData("sig1=(\"@method\" \"@path\" \"@authority\" \"@query\" \"x-absent\");created=1798074000;nonce=\"n\";keyid=\"key-hmac-sha256\"", "component-missing")]
    public async Task Get_MalformedInput_RejectedWithReason(string input, string reason)
    {
        await using var server = await SigningServer.StartAsync(time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1798074000)));
        var request = new HttpRequestMessage(HttpMethod.Get, "/signed");
        request.Headers.TryAddWithoutValidation("Signature-Input", input);
        request.Headers.TryAddWithoutValidation("Signature", "sig1=:AAAA:");
        var response = await server.CreatePlainClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_TwoKeysDuringRotation_AcceptedByEitherServer()
    {
        // The client signs with the retired key and the new one; one server trusts only the new key, the other only the retired one.
        var retiredSecret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        await using var newServer = await SigningServer.StartAsync();
        await using var retiredServer = await SigningServer.StartAsync(
            defaultKeys: false,
            hook: b => b.Services.Configure<HttpSignatureKeyOptions>(k => k.Keys.Add(new HttpSignatureKeyDefinition { KeyId = "retired-key", ClientId = "acme", Secret = Convert.ToBase64String(retiredSecret) })));
        var capture = new CapturingHandler();
        using var client = newServer.CreateClient(
            o =>
            {
                o.Keys.Add(HttpSignatureKey.FromSharedSecret("retired-key", retiredSecret));
                o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.Ed25519));
            },
            capture);

        var response = await client.GetAsync("/signed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("key-ed25519", (await response.Content.ReadFromJsonAsync<CallerView>())!.KeyId);

        // The very same dual-signed request, sent to the server that knows only the retired key.
        var same = new HttpRequestMessage(HttpMethod.Get, "/signed");
        foreach (var (name, value) in capture.SignedHeaders)
        {
            same.Headers.TryAddWithoutValidation(name, value);
        }

        Assert.Contains(capture.SignedHeaders, h => h.Key == "Signature-Input" && h.Value.Contains("keyid=\"retired-key\"", StringComparison.Ordinal) && h.Value.Contains("keyid=\"key-ed25519\"", StringComparison.Ordinal));
        var retired = await retiredServer.CreatePlainClient().SendAsync(same);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal("retired-key", (await retired.Content.ReadFromJsonAsync<CallerView>())!.KeyId);
    }

    [Fact]
    public async Task Get_AuthorizationPolicyOnScheme_UsesVerifiedSignatureAndChallengesWithProblem()
    {
        await using var server = await SigningServer.StartAsync();
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/policy")).StatusCode);

        var challenged = await server.CreatePlainClient().GetAsync("/policy");
        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        Assert.Equal("signature-missing", (await challenged.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
        Assert.True(challenged.Headers.Contains("Accept-Signature"));
    }

    [Fact]
    public async Task Post_ChunkedWithSignedTrailerOverKestrel_Accepted()
    {
        await using var server = await SigningServer.StartAsync(kestrel: true);
        var (status, body) = await SendChunkedWithTrailerAsync(server, signedTrailer: "sha-256=:abc=:", sentTrailer: "sha-256=:abc=:");
        Assert.Equal(200, status);
        Assert.EndsWith("hello trailers", body, StringComparison.Ordinal);
        Assert.Empty(server.Signals.Signals);
    }

    [Fact]
    public async Task Post_ChunkedWithTamperedTrailerOverKestrel_RejectedSignatureInvalid()
    {
        await using var server = await SigningServer.StartAsync(kestrel: true);
        var (status, body) = await SendChunkedWithTrailerAsync(server, signedTrailer: "sha-256=:abc=:", sentTrailer: "sha-256=:abd=:");
        Assert.Equal(401, status);
        Assert.Contains("\"reason\":\"signature-invalid\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SignedTrailerNotSentOverKestrel_RejectedComponentMissing()
    {
        await using var server = await SigningServer.StartAsync(kestrel: true);
        var (status, body) = await SendChunkedWithTrailerAsync(server, signedTrailer: "sha-256=:abc=:", sentTrailer: null);
        Assert.Equal(401, status);
        Assert.Contains("\"reason\":\"component-missing\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SignedTrailerOnServerWithoutTrailers_RejectedComponentMissing()
    {
        // TestServer does not expose request trailers: the typed reason, not an exception.
        await using var server = await SigningServer.StartAsync();
        var (digest, signature) = await SignWithTrailerAsync(server, "sha-256=:abc=:");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signed?x=1") { Content = new StringContent(TrailerBody) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        request.Content.Headers.TryAddWithoutValidation("Content-Digest", digest);
        request.Headers.TryAddWithoutValidation("Signature-Input", signature.SignatureInput);
        request.Headers.TryAddWithoutValidation("Signature", signature.Signature);
        var response = await server.CreatePlainClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("component-missing", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_ResponseSigningConfigured_ResponseSignatureBoundToTheSignedRequest()
    {
        using var responseKey = HttpSignatureKey.FromSharedSecret("server-responses", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var server = await SigningServer.StartAsync(o => o.ResponseSigning.Key = responseKey);
        var capture = new CapturingHandler();
        using var client = server.CreateClient(o => o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256)), capture);

        var response = await client.GetAsync("/signed?x=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, signed) = Exchange(capture, response, "/signed?x=1");
        var verifier = new HttpMessageSignatureVerifier(new SingleKeyResolver(responseKey), new HttpSignatureAlgorithmRegistry(), server.Time);
        var result = await verifier.VerifyAsync(signed, new HttpSignatureVerificationPolicy());
        Assert.True(result.Succeeded, result.FailureDetail);
        Assert.Equal(["@status", "\"@method\";req", "\"@authority\";req", "\"@path\";req", "\"@query\";req", "\"signature\";req;key=\"sig1\""], result.CoveredComponents);

        // Bound to the exact request: another status, path or request signature does not verify.
        var (_, otherStatus) = Exchange(capture, response, "/signed?x=1", status: 201);
        Assert.Equal(HttpSignatureError.InvalidSignature, (await verifier.VerifyAsync(otherStatus, new HttpSignatureVerificationPolicy())).Error);
        var (_, otherPath) = Exchange(capture, response, "/signed?x=2");
        Assert.Equal(HttpSignatureError.InvalidSignature, (await verifier.VerifyAsync(otherPath, new HttpSignatureVerificationPolicy())).Error);
    }

    [Fact]
    public async Task Get_ResponseSigningConfiguredButRequestUnsigned_ResponseNotSigned()
    {
        using var responseKey = HttpSignatureKey.FromSharedSecret("server-responses", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var server = await SigningServer.StartAsync(o => o.ResponseSigning.Key = responseKey);
        var response = await server.CreatePlainClient().GetAsync("/open");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Signature"));
    }

    [Fact]
    public async Task Get_ResponseComponentAbsent_ResponseSentUnsigned()
    {
        using var responseKey = HttpSignatureKey.FromSharedSecret("server-responses", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var server = await SigningServer.StartAsync(o =>
        {
            o.ResponseSigning.Key = responseKey;
            o.ResponseSigning.Components.Add("x-never-set");
        });
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);
        var response = await client.GetAsync("/signed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Signature"));
    }

    [Fact]
    public async Task StartAsync_ResponseSigningWithPublicKey_FailsValidation()
    {
        var publicKey = HttpSignatureKey.FromPem("server-responses", TestKeyMaterial.Ed25519PublicPem);
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => SigningServer.StartAsync(o => o.ResponseSigning.Key = publicKey));
        Assert.Contains("ResponseSigning.Key", ex.Message, StringComparison.Ordinal);
    }

    private static (InMemoryHttpMessage Request, InMemoryHttpMessage Response) Exchange(CapturingHandler capture, HttpResponseMessage response, string target, int? status = null)
    {
        var request = InMemoryHttpMessage.CreateRequest("GET", "http", "localhost", target);
        foreach (var (name, value) in capture.SignedHeaders)
        {
            request.AddField(name, value);
        }

        var signed = InMemoryHttpMessage.CreateResponse(status ?? (int)response.StatusCode, request);
        foreach (var header in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            foreach (var value in header.Value)
            {
                signed.AddField(header.Key, value);
            }
        }

        return (request, signed);
    }

    private sealed class SingleKeyResolver(HttpSignatureKey key) : IHttpSignatureKeyResolver
    {
        public ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(keyId == key.KeyId ? key : null);
    }

    private const string TrailerBody = "hello trailers";

    /// <summary>
    /// HttpClient cannot send request trailers over HTTP/1.1, so this writes a chunked request with an
    /// <c>X-Checksum</c> trailer on a raw socket, signed with the protocol library over a message holding the trailer.
    /// </summary>
    private static async Task<(int Status, string Body)> SendChunkedWithTrailerAsync(SigningServer server, string signedTrailer, string? sentTrailer)
    {
        var authority = server.BaseAddress.Authority;
        var (digest, signature) = await SignWithTrailerAsync(server, signedTrailer);
        var request = new System.Text.StringBuilder()
            .Append("POST /signed?x=1 HTTP/1.1\r\n")
            .Append("Host: ").Append(authority).Append("\r\n")
            .Append("Content-Type: text/plain\r\n")
            .Append("Content-Digest: ").Append(digest).Append("\r\n")
            .Append("Transfer-Encoding: chunked\r\n")
            .Append("Trailer: X-Checksum\r\n")
            .Append("Signature-Input: ").Append(signature.SignatureInput).Append("\r\n")
            .Append("Signature: ").Append(signature.Signature).Append("\r\n")
            .Append("Connection: close\r\n\r\n")
            .Append(TrailerBody.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n").Append(TrailerBody).Append("\r\n")
            .Append("0\r\n");
        if (sentTrailer is not null)
        {
            request.Append("X-Checksum: ").Append(sentTrailer).Append("\r\n");
        }

        request.Append("\r\n");

        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        await using var stream = new System.Net.Sockets.NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request.ToString()));
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }

    /// <summary>Signs POST /signed?x=1 with a body, its digest and an <c>X-Checksum</c> trailer, through the protocol library.</summary>
    private static async Task<(string Digest, HttpMessageSignature Signature)> SignWithTrailerAsync(SigningServer server, string trailer)
    {
        var digest = ContentDigest.Format(ContentDigest.Sha256, System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(TrailerBody)));
        var message = InMemoryHttpMessage.CreateRequest("POST", "http", server.BaseAddress.Authority, "/signed?x=1")
            .AddField("Content-Type", "text/plain")
            .AddField("Content-Digest", digest)
            .AddTrailer("X-Checksum", trailer);
        var parameters = new HttpSignatureSigningParameters { Created = server.Time.GetUtcNow(), Nonce = Guid.NewGuid().ToString("N") };
        foreach (var component in new[] { "@method", "@authority", "@path", "@query", "content-digest", "content-type", "\"x-checksum\";tr" })
        {
            parameters.Components.Add(component);
        }

        var signature = await new HttpMessageSigner(new HttpSignatureAlgorithmRegistry()).SignAsync(message, parameters, TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256));
        return (digest, signature);
    }

    private static HttpMessageSigningOptions Options(string algorithm, Action<HttpMessageSigningOptions>? configure = null)
    {
        var options = new HttpMessageSigningOptions();
        options.Keys.Add(TestKeyMaterial.SigningKey(algorithm));
        configure?.Invoke(options);
        return options;
    }

    private static HttpClient ClientWithClock(SigningServer server, TimeProvider clock, string algorithm) =>
        server.CreateClient(Options(algorithm), clock);
}
