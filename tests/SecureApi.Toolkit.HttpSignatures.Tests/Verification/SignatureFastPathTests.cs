using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures.Tests.Verification;

/// <summary>
/// The verifier's fast reader must be indistinguishable from the strict path: same result (success or the exact
/// failure) and the same signature base, on every RFC 9421 Appendix B case and on fuzzed Signature-Input/Signature.
/// </summary>
public class SignatureFastPathTests
{
    private static readonly DateTimeOffset RfcTime = DateTimeOffset.FromUnixTimeSeconds(1618884473);
    private static readonly byte[] Secret = Convert.FromBase64String(RfcTestKeys.SharedSecretBase64);

    public static TheoryData<string> AppendixBMessages()
    {
        var data = new TheoryData<string>();
        foreach (var (name, input, signature) in AppendixB2())
        {
            data.Add(name);
        }

        foreach (var name in new[] { "B.2.4", nameof(RfcMessages.B3ProxyRequest), nameof(RfcMessages.B4Signed), nameof(RfcMessages.B4ValidAddedHeader), nameof(RfcMessages.B4ValidRemovedDate), nameof(RfcMessages.B4ValidReordered), nameof(RfcMessages.B4InvalidMethodAuthority), nameof(RfcMessages.B4InvalidAcceptOrder), nameof(RfcMessages.MultipleFinal), nameof(RfcMessages.MultipleClient), nameof(RfcMessages.ReqResSignedRequest), nameof(RfcMessages.ReqResResponse1), nameof(RfcMessages.ReqResResponse2) })
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AppendixBMessages))]
    public async Task TryRead_AppendixBCase_SameResultAndBaseAsStrictPath(string name)
    {
        var message = AppendixBMessage(name);
        var policy = HttpMessageSignatureVerifierTests.LenientPolicy();
        var resolver = TestKeys.PublicResolver();
        var fast = await Verifier(resolver, true).VerifyAsync(message, policy);
        var strict = await Verifier(resolver, false).VerifyAsync(message, policy);
        AssertSameResult(strict, fast);
        AssertSameBaseWhenRead(message);

        // Every case with one signature and no component parameters takes the fast path; the others the strict one.
        var input = string.Join(", ", message.GetFieldValues("signature-input", false)!);
        var expectedFast = name is not ("B.2.2 rsa-pss" or nameof(RfcMessages.MultipleFinal) or nameof(RfcMessages.ReqResResponse1) or nameof(RfcMessages.ReqResResponse2));
        Assert.Equal(expectedFast, SignatureFastPath.TryRead(input, string.Join(", ", message.GetFieldValues("signature", false)!), out var read) && Return(read));
    }

    [Fact]
    public async Task TryRead_AppendixB25_IsReadByTheFastPathAndVerifies()
    {
        var message = AppendixBMessage("B.2.5 hmac");
        Assert.True(SignatureFastPath.TryRead(message.GetFieldValues("signature-input", false)![0], message.GetFieldValues("signature", false)![0], out var read));
        Assert.Equal("sig-b25", read.Label);
        Assert.Equal(["date", "@authority", "content-type"], read.Covered);
        Assert.Equal("test-shared-secret", read.Parameters.KeyId);
        Assert.Equal(RfcTime, read.Parameters.Created);
        Assert.Equal(Convert.FromBase64String("pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8="), read.Signature.ToArray());
        read.Return();
        var result = await Verifier(TestKeys.PublicResolver(), true).VerifyAsync(message, HttpMessageSignatureVerifierTests.LenientPolicy());
        Assert.True(result.Succeeded, result.FailureDetail);
    }

    [Theory]
    [InlineData("sig1=(\"date\"  \"@authority\");keyid=\"k\"")] // two spaces: valid, not canonical
    [InlineData("sig1=( \"date\");keyid=\"k\"")]
    [InlineData("sig1=(\"date\" );keyid=\"k\"")]
    [InlineData("\tsig1=(\"date\");keyid=\"k\"")]
    [InlineData("sig1=(\"date\");created=01618884473;keyid=\"k\"")] // leading zero
    [InlineData("sig1=(\"date\");created=1618884473.0;keyid=\"k\"")]
    [InlineData("sig1=(\"date\");created=-1;keyid=\"k\"")]
    [InlineData("sig1=(\"date\");created=\"1\";keyid=\"k\"")]
    [InlineData("sig1=(\"date\");keyid=k")] // token
    [InlineData("sig1=(\"date\");keyid=\"k\";keyid=\"k\"")]
    [InlineData("sig1=(\"date\");keyid=\"\"")]
    [InlineData("sig1=(\"date\");keyid=\"a\\\"b\"")]
    [InlineData("sig1=(\"date\");keyid=\"k\";x")] // boolean parameter
    [InlineData("sig1=(\"date\");keyid=\"k\";x=?1")]
    [InlineData("sig1=(\"date\";sf);keyid=\"k\"")]
    [InlineData("sig1=(date);keyid=\"k\"")]
    [InlineData("sig1=(\"date\")")] // no keyid
    [InlineData("sig1=(\"date\");keyid=\"k\", sig2=(\"date\");keyid=\"k\"")]
    [InlineData("sig1=(\"date\");keyid=\"k\";created=999999999999999")] // beyond year 9999
    [InlineData("sig1=(\"daté\");keyid=\"k\"")]
    [InlineData("sig1=(\"date\";keyid=\"k\"")]
    [InlineData("Sig1=(\"date\");keyid=\"k\"")]
    public void TryRead_ShapeOutsideTheFastSubset_Declines(string input)
    {
        Assert.False(SignatureFastPath.TryRead(input, "sig1=:AAAA:", out _));
    }

    [Theory]
    [InlineData("sig2=:AAAA:")]
    [InlineData("sig1=:AAA:")]
    [InlineData("sig1=:AA=A:")]
    [InlineData("sig1=:AAAA:;x")]
    [InlineData("sig1=:AAAA:, sig2=:AAAA:")]
    [InlineData("sig1=AAAA")]
    [InlineData("sig1=:AA-A:")]
    public void TryRead_SignatureOutsideTheFastSubset_Declines(string signature)
    {
        Assert.False(SignatureFastPath.TryRead("sig1=(\"date\");keyid=\"k\"", signature, out _));
    }

    [Fact]
    public async Task VerifyAsync_FuzzedSignatureInput_FastAndStrictPathsAgree()
    {
        // Mutations of canonical Signature-Input values; each is re-signed when the strict parser accepts it, so
        // successes as well as every kind of failure are compared.
        string[] seeds =
        [
            "sig1=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"",
            "sig1=(\"@method\" \"@path\" \"@query\" \"@authority\" \"content-digest\");created=1618884400;expires=1618884773;nonce=\"abc_DEF-1\";keyid=\"test-shared-secret\";tag=\"app\"",
            "sig-x=(\"@target-uri\" \"@request-target\" \"@scheme\");created=1618884473;keyid=\"test-shared-secret\";alg=\"hmac-sha256\";custom=42",
            "sig1=();created=1618884473;keyid=\"test-shared-secret\"",
            "s=(\"date\" \"date\");created=1618884473;keyid=\"test-shared-secret\"",
            "sig1=(\"x-missing\" \"@status\");created=1618884473;keyid=\"test-shared-secret\"",
            "sig1=(\"date\");created=1618884473;keyid=\"unknown\"",
        ];
        const string alphabet = " \t\"\\;=(),01-.?:*@aZé_/  ";
        var random = new Random(9421);
        var resolver = new DictionaryKeyResolver(TestKeys.SharedSecret());
        var fastVerifier = Verifier(resolver, true);
        var strictVerifier = Verifier(resolver, false);
        HttpSignatureVerificationPolicy[] policies =
        [
            HttpMessageSignatureVerifierTests.LenientPolicy(),
            new() { RequireNonce = true, RequireExpires = true, MaxAge = TimeSpan.FromMinutes(5) },
            new() { Label = "sig1", RequiredTag = "app", RequireCreated = false },
        ];
        policies[1].RequiredComponents.Add("@method");

        var fastTaken = 0;
        var successes = 0;
        for (var i = 0; i < 4000; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Length)], random, alphabet);
            var signature = SignatureFor(input, random);
            var message = BaseMessage().AddField("Signature-Input", input).AddField("Signature", signature);
            var policy = policies[random.Next(policies.Length)];
            var fast = await fastVerifier.VerifyAsync(message, policy);
            var strict = await strictVerifier.VerifyAsync(message, policy);
            AssertSameResult(strict, fast, input + " | " + signature);
            AssertSameBaseWhenRead(message);
            if (SignatureFastPath.TryRead(input, signature, out var read))
            {
                read.Return();
                fastTaken++;
            }

            successes += fast.Succeeded ? 1 : 0;
        }

        // The fuzz must exercise both paths and both outcomes, or it proves nothing.
        Assert.InRange(fastTaken, 200, 3800);
        Assert.InRange(successes, 100, 3900);
    }

    private static string Mutate(string seed, Random random, string alphabet)
    {
        var text = new StringBuilder(seed);
        var mutations = random.Next(0, 3);
        for (var m = 0; m < mutations && text.Length > 0; m++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0:
                    text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 1:
                    text.Remove(at, 1);
                    break;
                case 2:
                    text[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                default:
                    var length = random.Next(1, Math.Min(8, text.Length - at) + 1);
                    text.Insert(at, text.ToString(at, length));
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>A correct hmac signature for the first member when the strict path can build its base; otherwise (or sometimes on purpose) junk.</summary>
    private static string SignatureFor(string input, Random random)
    {
        string label = "sig1";
        try
        {
            var dictionary = StructuredFieldParser.ParseDictionary(input);
            label = dictionary[0].Key;
            if (dictionary[0].Value is SfInnerList list && random.Next(5) > 0)
            {
                var signatureBase = HttpSignatureBase.CreateBytes(BaseMessage(), list);
                var mac = Convert.ToBase64String(HMACSHA256.HashData(Secret, signatureBase));
                return random.Next(10) == 0 ? label + "=:" + mac.TrimEnd('=') + ":" : label + "=:" + mac + ":";
            }
        }
        catch (Exception ex) when (ex is StructuredFieldException or HttpSignatureException)
        {
            // No base: a junk signature still exercises the parse and policy failures.
        }

        return label + "=:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + ":";
    }

    private static InMemoryHttpMessage BaseMessage() =>
        HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest).AddField("Content-Digest", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");

    private static void AssertSameBaseWhenRead(InMemoryHttpMessage message)
    {
        var inputs = message.GetFieldValues("signature-input", false)!;
        var signatures = message.GetFieldValues("signature", false)!;
        if (inputs.Count != 1 || signatures.Count != 1 || !SignatureFastPath.TryRead(inputs[0], signatures[0], out var read))
        {
            return;
        }

        try
        {
            // Whatever the fast path accepts, the strict parser accepts with the same meaning.
            var dictionary = StructuredFieldParser.ParseDictionary(inputs[0]);
            Assert.Single(dictionary);
            Assert.Equal(dictionary[0].Key, read.Label);
            var list = Assert.IsType<SfInnerList>(dictionary[0].Value);
            Assert.Equal(list.Items.Select(i => (string)i.Value), read.Covered);
            Assert.All(list.Items, i => Assert.Empty(i.Parameters));
            Assert.Equal(StructuredFieldSerializer.SerializeMember(list), read.SignatureParams.ToString());
            Assert.Equal(SignatureParameters.Read(list.Parameters), read.Parameters);
            var signature = Assert.IsType<SfItem>(StructuredFieldParser.ParseDictionary(signatures[0])[read.Label == dictionary[0].Key ? 0 : -1].Value);
            Assert.Equal((byte[])signature.Value, read.Signature.ToArray());

            string? strictBase = null, fastBase = null;
            HttpSignatureError? strictError = null, fastError = null;
            try
            {
                strictBase = Encoding.ASCII.GetString(HttpSignatureBase.CreateBytes(message, list));
            }
            catch (HttpSignatureException ex)
            {
                strictError = ex.Error;
            }

            try
            {
                var pooled = HttpSignatureBase.CreatePooled(message, read.Covered, read.SignatureParams, out var length);
                fastBase = Encoding.ASCII.GetString(pooled, 0, length);
                System.Buffers.ArrayPool<byte>.Shared.Return(pooled);
            }
            catch (HttpSignatureException ex)
            {
                fastError = ex.Error;
            }

            Assert.Equal(strictBase, fastBase);
            Assert.Equal(strictError, fastError);
        }
        finally
        {
            read.Return();
        }
    }

    private static void AssertSameResult(HttpSignatureVerificationResult strict, HttpSignatureVerificationResult fast, string? because = null)
    {
        Assert.True(strict.Succeeded == fast.Succeeded, because);
        Assert.True(strict.Error == fast.Error, $"{because}: {strict.Error} vs {fast.Error}");
        Assert.Equal(strict.FailureDetail, fast.FailureDetail);
        Assert.Equal(strict.Label, fast.Label);
        Assert.Equal(strict.KeyId, fast.KeyId);
        Assert.Same(strict.Key, fast.Key);
        Assert.Equal(strict.Algorithm, fast.Algorithm);
        Assert.Equal(strict.Created, fast.Created);
        Assert.Equal(strict.Expires, fast.Expires);
        Assert.Equal(strict.Nonce, fast.Nonce);
        Assert.Equal(strict.Tag, fast.Tag);
        Assert.Equal(strict.CoveredComponents, fast.CoveredComponents);
    }

    private static bool Return(FastSignature read)
    {
        read.Return();
        return true;
    }

    private static HttpMessageSignatureVerifier Verifier(IHttpSignatureKeyResolver resolver, bool fast) =>
        new(resolver, new HttpSignatureAlgorithmRegistry(), new FakeTimeProvider(RfcTime)) { FastPathEnabled = fast };

    private static IEnumerable<(string Name, string Input, string Signature)> AppendixB2()
    {
        foreach (var row in HttpMessageSignatureVerifierTests.AppendixB2Signatures)
        {
            yield return ((string)row[0], (string)row[1], (string)row[2]);
        }
    }

    private static InMemoryHttpMessage AppendixBMessage(string name)
    {
        foreach (var (caseName, input, signature) in AppendixB2())
        {
            if (caseName == name)
            {
                return HttpText.Parse(Messages.HttpSignatureBaseTests.TestRequest).AddField("Signature-Input", input).AddField("Signature", signature);
            }
        }

        return name switch
        {
            "B.2.4" => HttpText.Parse(Messages.HttpSignatureBaseTests.TestResponseFixed)
                .AddField("Signature-Input", "sig-b24=(\"@status\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-ecc-p256\"")
                .AddField("Signature", "sig-b24=:wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==:"),
            nameof(RfcMessages.ReqResResponse1) => HttpText.Parse(RfcMessages.ReqResResponse1, HttpText.Parse(RfcMessages.ReqResRequest)),
            nameof(RfcMessages.ReqResResponse2) => HttpText.Parse(RfcMessages.ReqResResponse2, HttpText.Parse(RfcMessages.ReqResSignedRequest)),
            _ => HttpText.Parse((string)typeof(RfcMessages).GetField(name)!.GetValue(null)!),
        };
    }
}
