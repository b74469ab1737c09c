using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

namespace SecureApi.Toolkit.RequestSigning.Tests;

/// <summary>What a signed (or pretend-signed) request can make the server read and buffer before it is trusted.</summary>
public class BodyBufferingTests
{
    [Fact]
    public async Task Post_TrInsideKeyIdWithBadSignature_401WithoutReadingTheBody()
    {
        Func<RecordingBodyStream?>? body = null;
        await using var server = await SigningServer.StartAsync(before: app => body = RecordingBodyStream.Install(app));
        var created = server.Time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signed") { Content = new ByteArrayContent(new byte[64 * 1024]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
        request.Content.Headers.TryAddWithoutValidation("Content-Digest", "sha-256=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:");
        request.Headers.TryAddWithoutValidation("Signature-Input", $"sig1=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\" \"content-type\");created={created};keyid=\"x;tr\";nonce=\"n1\"");
        request.Headers.TryAddWithoutValidation("Signature", "sig1=:AAAA:");

        var response = await server.CreatePlainClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, body!()!.Reads);
    }

    [Fact]
    public async Task Post_TrailerSignatureWithUnknownKey_401WithoutReadingTheBody()
    {
        // A real ;tr component, but no known key: the trailers (and so the body) are never waited for.
        Func<RecordingBodyStream?>? body = null;
        await using var server = await SigningServer.StartAsync(before: app => body = RecordingBodyStream.Install(app));
        var created = server.Time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signed") { Content = new ByteArrayContent(new byte[64 * 1024]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
        request.Content.Headers.TryAddWithoutValidation("Content-Digest", "sha-256=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:");
        request.Headers.TryAddWithoutValidation("Signature-Input", $"sig1=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\" \"content-type\" \"x-checksum\";tr);created={created};keyid=\"stranger\";nonce=\"n1\"");
        request.Headers.TryAddWithoutValidation("Signature", "sig1=:AAAA:");

        var response = await server.CreatePlainClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, body!()!.Reads);
    }

    [Fact]
    public async Task Post_SignedBodyOverDefaultBound_413ProblemJson()
    {
        await using var server = await SigningServer.StartAsync();
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);

        var response = await client.PostAsync("/signed", new ByteArrayContent(new byte[(1024 * 1024) + 1]) { Headers = { { "Content-Type", "application/octet-stream" } } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("request-body-too-large", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Post_ChunkedSignedBodyOverDefaultBoundOverKestrel_413ProblemJson()
    {
        // No Content-Length: the bound applies while the body is read for the digest check.
        await using var server = await SigningServer.StartAsync(kestrel: true);
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);
        var content = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024])) { Headers = { { "Content-Type", "application/octet-stream" } } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signed") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request-body-too-large", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Post_SignedBodyOverProfileBound_413AndWithinBound_200()
    {
        await using var server = await SigningServer.StartAsync(o => o.Profiles[RequestSigningOptions.DefaultProfileName].MaxBufferedBodySize = 1000);
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);

        var over = await client.PostAsync("/signed", new ByteArrayContent(new byte[1001]) { Headers = { { "Content-Type", "application/octet-stream" } } });
        var within = await client.PostAsync("/signed", new ByteArrayContent(new byte[1000]) { Headers = { { "Content-Type", "application/octet-stream" } } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
    }

    [Fact]
    public async Task Post_UnsignedButTrInKeyIdOverBound_401Not413()
    {
        // A body larger than the bound, with an unverifiable signature: refused as unsigned, the body never looked at.
        await using var server = await SigningServer.StartAsync(o => o.Profiles[RequestSigningOptions.DefaultProfileName].MaxBufferedBodySize = 1000);
        var created = server.Time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signed") { Content = new ByteArrayContent(new byte[5000]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
        request.Headers.TryAddWithoutValidation("Signature-Input", $"sig1=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\" \"content-type\");created={created};keyid=\"a;tr\";nonce=\"n1\"");
        request.Headers.TryAddWithoutValidation("Signature", "sig1=:AAAA:");

        var response = await server.CreatePlainClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_SignedChunkedBodyWithBrokenFramingOverKestrel_400ProblemJson()
    {
        // Kestrel throws BadHttpRequestException (400) while the digest check reads a malformed chunked body.
        await using var server = await SigningServer.StartAsync(kestrel: true);
        var options = new HttpMessageSigningOptions();
        options.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256));
        using var signer = new HttpMessageInvoker(new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), server.Time) { InnerHandler = new NotSendingHandler() });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "/signed")) { Content = new StringContent("hello", System.Text.Encoding.ASCII, "text/plain") };
        await signer.SendAsync(request, CancellationToken.None);
        var raw = new System.Text.StringBuilder()
            .Append("POST /signed HTTP/1.1\r\nHost: ").Append(server.BaseAddress.Authority).Append("\r\n");
        foreach (var header in request.Headers.NonValidated.Concat(request.Content.Headers.NonValidated).Where(h => h.Key != "Content-Length"))
        {
            raw.Append(header.Key).Append(": ").Append(string.Join(", ", header.Value)).Append("\r\n");
        }

        raw.Append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").Append("zz\r\nhello\r\n0\r\n\r\n");

        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        await using var stream = new System.Net.Sockets.NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(raw.ToString()));
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var response = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
        Assert.Contains("request-body-unreadable", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(408, "request-body-timeout")]
    [InlineData(400, "request-body-unreadable")]
    public async Task Post_BodyReadFailsDuringDigestCheck_ProblemJsonNot500(int status, string reason)
    {
        await using var server = await SigningServer.StartAsync(before: app => RecordingBodyStream.Install(
            app,
            failAfter: 1000,
            failure: () => status == 408 ? new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", 408) : new IOException("The connection was reset.")));
        using var client = server.CreateClient(HttpSignatureAlgorithms.HmacSha256);

        var response = await client.PostAsync("/signed", new ByteArrayContent(new byte[4000]) { Headers = { { "Content-Type", "application/octet-stream" } } });

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }
}
