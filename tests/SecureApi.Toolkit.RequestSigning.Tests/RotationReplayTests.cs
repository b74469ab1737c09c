using System.Net;
using System.Net.Http.Json;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.RequestSigning.Tests.Infrastructure;

namespace SecureApi.Toolkit.RequestSigning.Tests;

/// <summary>
/// A request signed with two keys during a rotation overlap: once accepted, no rearrangement of its two signatures
/// (order, either one alone, other labels) is accepted again.
/// </summary>
public class RotationReplayTests
{
    public static TheoryData<string> Rearrangements => ["swap", "drop-first", "drop-second", "rename", "rename-swap", "as-is"];

    [Theory]
    [MemberData(nameof(Rearrangements))]
    public async Task Get_DualSignedRequestRearrangedAfterAcceptance_401Replayed(string rearrangement)
    {
        await using var server = await SigningServer.StartAsync();
        var capture = new CapturingHandler();
        using var client = server.CreateClient(
            o =>
            {
                o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256));
                o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.Ed25519));
            },
            capture);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signed")).StatusCode);

        var inputs = Members(capture, "Signature-Input");
        var signatures = Members(capture, "Signature");
        Assert.Equal(2, inputs.Length);
        Assert.Equal(2, signatures.Length);
        (string[] Inputs, string[] Signatures) replayed = rearrangement switch
        {
            "swap" => ([inputs[1], inputs[0]], [signatures[1], signatures[0]]),
            "drop-first" => ([inputs[1]], [signatures[1]]),
            "drop-second" => ([inputs[0]], [signatures[0]]),
            "rename" => ([Relabel(inputs[0], "a"), Relabel(inputs[1], "b")], [Relabel(signatures[0], "a"), Relabel(signatures[1], "b")]),
            "rename-swap" => ([Relabel(inputs[1], "x"), Relabel(inputs[0], "y")], [Relabel(signatures[1], "x"), Relabel(signatures[0], "y")]),
            _ => (inputs, signatures),
        };

        var replay = new HttpRequestMessage(HttpMethod.Get, "/signed");
        foreach (var (name, value) in capture.SignedHeaders.Where(h => h.Key is not ("Signature-Input" or "Signature")))
        {
            replay.Headers.TryAddWithoutValidation(name, value);
        }

        replay.Headers.TryAddWithoutValidation("Signature-Input", string.Join(", ", replayed.Inputs));
        replay.Headers.TryAddWithoutValidation("Signature", string.Join(", ", replayed.Signatures));
        var response = await server.CreatePlainClient().SendAsync(replay);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-replayed", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    [Fact]
    public async Task Get_DualSignedRequestOnce_AcceptedAndBothNoncesSpent()
    {
        // The original itself is accepted: recording the second signature's nonce must not trip over the first's.
        await using var server = await SigningServer.StartAsync();
        using var client = server.CreateClient(o =>
        {
            o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256));
            o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.Ed25519));
        });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signed")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signed")).StatusCode);
    }

    [Fact]
    public async Task Get_MoreSignaturesThanExamined_401Malformed()
    {
        // A signature beyond the examined ones could verify (with a fresh nonce) once an earlier one is dropped: refuse it.
        await using var server = await SigningServer.StartAsync();
        using var client = server.CreateClient(o =>
        {
            for (var i = 0; i < 5; i++)
            {
                o.Keys.Add(TestKeyMaterial.SigningKey(HttpSignatureAlgorithms.HmacSha256));
            }
        });

        var response = await client.GetAsync("/signed");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature-malformed", (await response.Content.ReadFromJsonAsync<ProblemView>())!.Reason);
    }

    // The handler writes one line "sig1=..., sig2=..."; no member contains ", " (lists use spaces, values are base64).
    private static string[] Members(CapturingHandler capture, string name) =>
        capture.SignedHeaders.Single(h => h.Key == name).Value.Split(", ");

    private static string Relabel(string member, string label) => label + member[member.IndexOf('=', StringComparison.Ordinal)..];
}
