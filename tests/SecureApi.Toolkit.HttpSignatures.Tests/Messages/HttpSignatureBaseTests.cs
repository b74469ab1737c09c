using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures.Tests.Messages;

public class HttpSignatureBaseTests
{
    internal const string TestRequest = """
POST /foo?param=Value&Pet=dog HTTP/1.1
Host: example.com
Date: Tue, 20 Apr 2021 02:07:55 GMT
Content-Type: application/json
Content-Digest: sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
Content-Length: 18

{"hello": "world"}
""";

    // The test-response with the corrected Content-Digest (see the discrepancy note in shared/vectors).
    internal const string TestResponseFixed = """
HTTP/1.1 200 OK
Date: Tue, 20 Apr 2021 02:07:56 GMT
Content-Type: application/json
Content-Digest: sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:
Content-Length: 23

{"message": "good dog"}
""";

    public static TheoryData<string, string, int> AppendixB2 => new()
    {
        {
            "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
            "\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
            98
        },
        {
            "sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"",
            "\"@authority\": example.com\n\"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:\n\"@query-param\";name=\"Pet\": dog\n\"@signature-params\": (\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"",
            317
        },
        {
            "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"",
            "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n\"@method\": POST\n\"@path\": /foo\n\"@query\": ?param=Value&Pet=dog\n\"@authority\": example.com\n\"content-type\": application/json\n\"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:\n\"content-length\": 18\n\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"",
            458
        },
        {
            "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"",
            "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n\"@authority\": example.com\n\"content-type\": application/json\n\"@signature-params\": (\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"",
            200
        },
        {
            "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"",
            "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n\"@method\": POST\n\"@path\": /foo\n\"@authority\": example.com\n\"content-type\": application/json\n\"content-length\": 18\n\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"",
            284
        },
    };

    [Theory]
    [MemberData(nameof(AppendixB2))]
    public void Create_AppendixB2Request_IsByteExact(string signatureInput, string expectedBase, int expectedLength)
    {
        var message = HttpText.Parse(TestRequest);
        var actual = HttpSignatureBase.CreateBytes(message, Input(signatureInput));
        Assert.Equal(expectedLength, actual.Length);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(expectedBase), actual);
    }

    [Fact]
    public void Create_AppendixB24Response_IsByteExact()
    {
        var message = HttpText.Parse(TestResponseFixed);
        var expected = "\"@status\": 200\n\"content-type\": application/json\n\"content-digest\": sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:\n\"content-length\": 23\n\"@signature-params\": (\"@status\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-ecc-p256\"";
        var actual = HttpSignatureBase.Create(message, Input("sig-b24=(\"@status\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-ecc-p256\""));
        Assert.Equal(312, actual.Length);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Create_AppendixB3Proxy_IsByteExact()
    {
        var message = HttpText.Parse(RfcMessages.B3ProxyRequest);
        Assert.Equal(RfcMessages.B3Base, HttpSignatureBase.Create(message, InputFromMessage(message, "ttrp")));
    }

    [Fact]
    public void Create_AppendixB4Transform_IsByteExact()
    {
        var message = HttpText.Parse(RfcMessages.B4Signed);
        Assert.Equal(RfcMessages.B4Base, HttpSignatureBase.Create(message, InputFromMessage(message, "transform")));
    }

    [Fact]
    public void Create_Section43ProxySignature_IsByteExact()
    {
        var message = HttpText.Parse(RfcMessages.MultipleFinal);
        Assert.Equal(RfcMessages.MultipleProxyBase, HttpSignatureBase.Create(message, InputFromMessage(message, "proxy_sig")));
    }

    [Fact]
    public void Create_Section24ResponseBoundToRequest_IsByteExact()
    {
        var request = HttpText.Parse(RfcMessages.ReqResRequest);
        var response = HttpText.Parse(RfcMessages.ReqResResponse1, request);
        Assert.Equal(RfcMessages.ReqResBase1, HttpSignatureBase.Create(response, InputFromMessage(response, "reqres")));

        var signedRequest = HttpText.Parse(RfcMessages.ReqResSignedRequest);
        var response2 = HttpText.Parse(RfcMessages.ReqResResponse2, signedRequest);
        Assert.Equal(RfcMessages.ReqResBase2, HttpSignatureBase.Create(response2, InputFromMessage(response2, "reqres")));
    }

    [Fact]
    public void Create_Section25Example_IsByteExact()
    {
        var message = HttpText.Parse(TestRequest);
        var expected = "\"@method\": POST\n\"@authority\": example.com\n\"@path\": /foo\n\"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:\n\"content-length\": 18\n\"content-type\": application/json\n\"@signature-params\": (\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\");created=1618884473;keyid=\"test-key-rsa-pss\"";
        Assert.Equal(expected, HttpSignatureBase.Create(message, Input("sig1=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\");created=1618884473;keyid=\"test-key-rsa-pss\"")));
    }

    [Theory]
    [InlineData("\"@method\"", "POST")]
    [InlineData("\"@target-uri\"", "https://www.example.com/path?param=value")]
    [InlineData("\"@authority\"", "www.example.com")]
    [InlineData("\"@scheme\"", "https")]
    [InlineData("\"@request-target\"", "/path?param=value")]
    [InlineData("\"@path\"", "/path")]
    [InlineData("\"@query\"", "?param=value")]
    [InlineData("\"@query-param\";name=\"param\"", "value")]
    public void Create_DerivedComponentsSection22_MatchRfc(string identifier, string expected)
    {
        var message = InMemoryHttpMessage.CreateRequest("POST", "https", "www.example.com", "/path?param=value");
        Assert.Equal(Line(identifier, expected), FirstLine(message, identifier));
    }

    [Theory]
    [InlineData("/path?param=value&foo=bar&baz=batman&qux=", "\"@query-param\";name=\"baz\"", "batman")]
    [InlineData("/path?param=value&foo=bar&baz=batman&qux=", "\"@query-param\";name=\"qux\"", "")]
    [InlineData("/path?var=this%20is%20a%20big%0Amultiline%20value&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something", "\"@query-param\";name=\"var\"", "this%20is%20a%20big%0Amultiline%20value")]
    [InlineData("/path?var=this%20is%20a%20big%0Amultiline%20value&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something", "\"@query-param\";name=\"bar\"", "with%20plus%20whitespace")]
    [InlineData("/path?var=this%20is%20a%20big%0Amultiline%20value&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something", "\"@query-param\";name=\"fa%C3%A7ade%22%3A%20\"", "something")]
    [InlineData("/path?param=value&foo=bar&baz=bat%2Dman", "\"@query\"", "?param=value&foo=bar&baz=bat%2Dman")]
    [InlineData("/path", "\"@query\"", "?")]
    [InlineData("/a%2Fb/%7Ec?x=%41", "\"@path\"", "/a%2Fb/%7Ec")]
    [InlineData("https://www.example.com/a%20b?x=1", "\"@path\"", "/a%20b")]
    [InlineData("https://www.example.com/a%20b?x=1", "\"@request-target\"", "https://www.example.com/a%20b?x=1")]
    public void Create_RawTarget_IsNeverReEncoded(string target, string identifier, string expected)
    {
        var message = InMemoryHttpMessage.CreateRequest("GET", "https", "www.example.com", target);
        Assert.Equal(Line(identifier, expected), FirstLine(message, identifier));
    }

    [Theory]
    [InlineData("https", "WWW.Example.COM:443", "www.example.com")]
    [InlineData("http", "example.com:80", "example.com")]
    [InlineData("https", "example.com:8443", "example.com:8443")]
    public void Create_Authority_IsNormalized(string scheme, string authority, string expected)
    {
        var message = InMemoryHttpMessage.CreateRequest("GET", scheme, authority, "/");
        Assert.Equal(Line("\"@authority\"", expected), FirstLine(message, "\"@authority\""));
    }

    [Fact]
    public void Create_FieldsSection21_CanonicalizeAsRfc()
    {
        var message = InMemoryHttpMessage.CreateRequest("GET", "https", "www.example.com", "/")
            .AddField("X-OWS-Header", "   Leading and trailing whitespace.   ")
            .AddField("Cache-Control", "max-age=60")
            .AddField("Cache-Control", "   must-revalidate")
            .AddField("X-Empty-Header", "")
            .AddField("Example-Dict", "  a=1,    b=2;x=1;y=2,   c=(a   b   c)")
            .AddField("Example-Header", "value, with, lots")
            .AddField("Example-Header", "of, commas");

        Assert.Equal("\"x-ows-header\": Leading and trailing whitespace.", FirstLine(message, "\"x-ows-header\""));
        Assert.Equal("\"cache-control\": max-age=60, must-revalidate", FirstLine(message, "\"cache-control\""));
        Assert.Equal("\"x-empty-header\": ", FirstLine(message, "\"x-empty-header\""));
        Assert.Equal("\"example-dict\": a=1,    b=2;x=1;y=2,   c=(a   b   c)", FirstLine(message, "\"example-dict\""));
        Assert.Equal("\"example-dict\";sf: a=1, b=2;x=1;y=2, c=(a b c)", FirstLine(message, "\"example-dict\";sf"));
        Assert.Equal("\"example-dict\";key=\"a\": 1", FirstLine(message, "\"example-dict\";key=\"a\""));
        Assert.Equal("\"example-dict\";key=\"b\": 2;x=1;y=2", FirstLine(message, "\"example-dict\";key=\"b\""));
        Assert.Equal("\"example-dict\";key=\"c\": (a b c)", FirstLine(message, "\"example-dict\";key=\"c\""));
        Assert.Equal("\"example-header\";bs: :dmFsdWUsIHdpdGgsIGxvdHM=:, :b2YsIGNvbW1hcw==:", FirstLine(message, "\"example-header\";bs"));
    }

    [Fact]
    public void Create_TrailerComponent_ReadsTrailers()
    {
        var message = InMemoryHttpMessage.CreateRequest("POST", "https", "example.com", "/")
            .AddField("Trailer", "Expires")
            .AddTrailer("Expires", "Wed, 9 Nov 2022 07:28:00 GMT");
        Assert.Equal("\"expires\";tr: Wed, 9 Nov 2022 07:28:00 GMT", FirstLine(message, "\"expires\";tr"));
        Assert.Throws<HttpSignatureException>(() => FirstLine(message, "\"expires\""));
    }

    [Theory]
    [InlineData("\"@unknown\"", HttpSignatureError.InvalidComponent)]
    [InlineData("\"@status\"", HttpSignatureError.InvalidComponent)]
    [InlineData("\"@method\";req", HttpSignatureError.InvalidComponent)]
    [InlineData("\"@method\";sf", HttpSignatureError.InvalidComponent)]
    [InlineData("\"@query-param\"", HttpSignatureError.InvalidComponent)]
    [InlineData("\"@query-param\";name=\"missing\"", HttpSignatureError.ComponentMissing)]
    [InlineData("\"@query-param\";name=\"dup\"", HttpSignatureError.InvalidComponent)]
    [InlineData("\"date\";bs;sf", HttpSignatureError.InvalidComponent)]
    [InlineData("\"date\";foo", HttpSignatureError.InvalidComponent)]
    [InlineData("\"date\";sf", HttpSignatureError.InvalidComponent)]
    [InlineData("\"Date\"", HttpSignatureError.InvalidComponent)]
    [InlineData("\"x-absent\"", HttpSignatureError.ComponentMissing)]
    [InlineData("\"example-dict\";key=\"zz\"", HttpSignatureError.ComponentMissing)]
    [InlineData("\"@signature-params\"", HttpSignatureError.InvalidComponent)]
    public void Create_InvalidComponent_FailsTyped(string identifier, HttpSignatureError expected)
    {
        var message = InMemoryHttpMessage.CreateRequest("GET", "https", "example.com", "/p?dup=1&dup=2")
            .AddField("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
            .AddField("Example-Dict", "a=1");
        var ex = Assert.Throws<HttpSignatureException>(() => FirstLine(message, identifier));
        Assert.Equal(expected, ex.Error);
    }

    [Fact]
    public void Create_DuplicateComponent_Fails()
    {
        var message = InMemoryHttpMessage.CreateRequest("GET", "https", "example.com", "/");
        var ex = Assert.Throws<HttpSignatureException>(() => HttpSignatureBase.Create(message, Input("s=(\"@method\" \"@method\")")));
        Assert.Equal(HttpSignatureError.InvalidComponent, ex.Error);
    }

    [Fact]
    public void Create_SameNameWithAndWithoutReq_IsAllowed()
    {
        var request = InMemoryHttpMessage.CreateRequest("GET", "https", "example.com", "/").AddField("Content-Type", "text/plain");
        var response = InMemoryHttpMessage.CreateResponse(200, request).AddField("Content-Type", "application/json");
        Assert.Equal(
            "\"content-type\": application/json\n\"content-type\";req: text/plain\n\"@signature-params\": (\"content-type\" \"content-type\";req)",
            HttpSignatureBase.Create(response, Input("s=(\"content-type\" \"content-type\";req)")));
    }

    [Fact]
    public void Create_ReqWithoutRequest_FailsComponentMissing()
    {
        var response = InMemoryHttpMessage.CreateResponse(200);
        var ex = Assert.Throws<HttpSignatureException>(() => HttpSignatureBase.Create(response, Input("s=(\"@method\";req)")));
        Assert.Equal(HttpSignatureError.ComponentMissing, ex.Error);
    }

    [Fact]
    public void Create_NonAsciiFieldValue_RequiresBs()
    {
        var message = InMemoryHttpMessage.CreateRequest("GET", "https", "example.com", "/").AddField("X-Name", "caf\u00e9");
        Assert.Throws<HttpSignatureException>(() => FirstLine(message, "\"x-name\""));
        Assert.Equal("\"x-name\";bs: :Y2Fm6Q==:", FirstLine(message, "\"x-name\";bs"));
    }

    internal static SfInnerList Input(string signatureInput) =>
        (SfInnerList)StructuredFieldParser.ParseDictionary(signatureInput)[0].Value;

    internal static SfInnerList InputFromMessage(HttpSignatureMessage message, string label)
    {
        var dict = StructuredFieldParser.ParseDictionary(string.Join(", ", message.GetFieldValues("signature-input", false)!));
        Assert.True(dict.TryGetValue(label, out var member));
        return (SfInnerList)member;
    }

    private static string Line(string identifier, string value) => identifier + ": " + value;

    private static string FirstLine(HttpSignatureMessage message, string identifier)
    {
        var basis = HttpSignatureBase.Create(message, Input("s=(" + identifier + ")"));
        return basis[..basis.IndexOf('\n', StringComparison.Ordinal)];
    }
}
