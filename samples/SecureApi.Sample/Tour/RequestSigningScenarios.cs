using System.Net.Http.Json;
using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Sample.Tour;

/// <summary>RFC 9421 request signing, driven with the toolkit's own signing handler over real HTTP.</summary>
internal sealed class RequestSigningScenarios : ITourScenarioSet
{
    public int Order => 100;

    public IEnumerable<TourScenario> Scenarios =>
    [
        new(
            "signing: a signed request is accepted",
            "200 from GET /signed/whoami naming caller sig:tour-client and key tour-client-2026",
            async tour =>
            {
                var response = await tour.SendAsync(await SignAsync(tour, HttpMethod.Get, "/signed/whoami", null, CurrentKey(tour)));
                var ok = response.Status == 200 && response.Body.Contains("\"caller\":\"sig:tour-client\"", StringComparison.Ordinal)
                    && response.Body.Contains("tour-client-2026", StringComparison.Ordinal);
                return TourVerdict.When(ok, response.Summary);
            }),

        new(
            "signing: a tampered body is rejected",
            "401 problem+json reason digest-mismatch: the body changed after signing, the Content-Digest did not",
            async tour =>
            {
                var request = await SignAsync(tour, HttpMethod.Post, "/signed/orders", new { customerId = 1, item = "book", quantity = 1 }, CurrentKey(tour));
                var headers = request.Content!.Headers.NonValidated.ToList();
                var original = await request.Content.ReadAsStringAsync();
                request.Content = new StringContent(original.Replace("\"quantity\":1", "\"quantity\":9", StringComparison.Ordinal));
                request.Content.Headers.Clear();
                foreach (var header in headers)
                {
                    request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                var response = await tour.SendAsync(request, "(body changed from quantity 1 to 9 after signing)");
                return TourVerdict.When(IsRejected(response, 401, "digest-mismatch"), response.Summary);
            }),

        new(
            "signing: a replayed request is rejected",
            "the first send answers 200, the identical second send 401 problem+json reason signature-replayed",
            async tour =>
            {
                var first = await SignAsync(tour, HttpMethod.Post, "/signed/orders", new { customerId = 1, item = "pen", quantity = 2 }, CurrentKey(tour));
                var copy = new HttpRequestMessage(first.Method, first.RequestUri) { Content = new ByteArrayContent(await first.Content!.ReadAsByteArrayAsync()) };
                foreach (var header in first.Headers.NonValidated)
                {
                    copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                foreach (var header in first.Content.Headers.NonValidated)
                {
                    copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                var accepted = await tour.SendAsync(first);
                var replayed = await tour.SendAsync(copy, "(the same bytes again)");
                return TourVerdict.When(accepted.Status == 200 && IsRejected(replayed, 401, "signature-replayed"), $"{accepted.Status}; then {replayed.Summary}");
            }),

        new(
            "signing: an expired signature is rejected",
            "401 problem+json reason signature-expired for a signature created 2 minutes ago that expired 1 minute ago",
            async tour =>
            {
                var twoMinutesAgo = new FixedClock(TimeProvider.System.GetUtcNow().AddMinutes(-2));
                var response = await tour.SendAsync(await SignAsync(tour, HttpMethod.Get, "/signed/whoami", null, CurrentKey(tour), twoMinutesAgo, TimeSpan.FromMinutes(1)));
                return TourVerdict.When(IsRejected(response, 401, "signature-expired"), response.Summary);
            }),

        new(
            "signing: an unknown key is rejected",
            "401 problem+json reason signature-invalid (the same answer as a bad signature from a known key, so key ids cannot be probed), without echoing the key id or the signature base",
            async tour =>
            {
                var stranger = HttpSignatureKey.FromSharedSecret("stranger", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                var response = await tour.SendAsync(await SignAsync(tour, HttpMethod.Get, "/signed/whoami", null, stranger));
                var ok = IsRejected(response, 401, "signature-invalid") && !response.Body.Contains("stranger", StringComparison.Ordinal);
                return TourVerdict.When(ok, response.Summary);
            }),

        new(
            "signing: a request signed with the rotated-in key is accepted",
            "signed with only the retired key tour-client-2025: 401 signature-invalid; signed with both keys during the rotation: 200 verified by tour-client-2026",
            async tour =>
            {
                var retired = Key(tour, 0);
                var old = await tour.SendAsync(await SignAsync(tour, HttpMethod.Get, "/signed/whoami", null, retired), "(signed with tour-client-2025 only)");
                var both = await tour.SendAsync(await SignAsync(tour, HttpMethod.Get, "/signed/whoami", null, Key(tour, 0), Key(tour, 1)), "(signed with tour-client-2025 and tour-client-2026)");
                var ok = IsRejected(old, 401, "signature-invalid") && both.Status == 200 && both.Body.Contains("\"keyId\":\"tour-client-2026\"", StringComparison.Ordinal);
                return TourVerdict.When(ok, $"{old.Summary}; then {both.Summary}");
            }),

        new(
            "signing: an unsigned request to a signed endpoint gets a hint",
            "401 problem+json reason signature-missing with an Accept-Signature header naming the components to sign",
            async tour =>
            {
                var response = await tour.GetAsync("/signed/whoami");
                var ok = IsRejected(response, 401, "signature-missing") && response.Headers.TryGetValues("Accept-Signature", out var hint) && hint.Single().Contains("\"@method\"", StringComparison.Ordinal);
                return TourVerdict.When(ok, response.Summary);
            }),
    ];

    private static bool IsRejected(TourResponse response, int status, string reason) =>
        response.IsProblem(status) && response.Json is { } json && json.TryGetProperty("reason", out var r) && r.GetString() == reason;

    private static HttpSignatureKey CurrentKey(TourContext tour) => Key(tour, 1);

    /// <summary>The tour plays the client whose demo secrets the sample's configuration trusts.</summary>
    private static HttpSignatureKey Key(TourContext tour, int index)
    {
        var section = tour.Configuration.GetSection($"RequestSigning:Keys:{index}");
        return HttpSignatureKey.FromSharedSecret(section["KeyId"]!, Convert.FromBase64String(section["Secret"]!));
    }

    private static Task<HttpRequestMessage> SignAsync(TourContext tour, HttpMethod method, string path, object? body, params HttpSignatureKey[] keys) =>
        SignAsync(tour, method, path, body, keys, TimeProvider.System, TimeSpan.FromMinutes(5));

    private static Task<HttpRequestMessage> SignAsync(TourContext tour, HttpMethod method, string path, object? body, HttpSignatureKey key, TimeProvider clock, TimeSpan expiresAfter) =>
        SignAsync(tour, method, path, body, [key], clock, expiresAfter);

    /// <summary>Signs a request with the toolkit's handler without sending it, so the scenario can send, copy or tamper with it.</summary>
    private static async Task<HttpRequestMessage> SignAsync(TourContext tour, HttpMethod method, string path, object? body, HttpSignatureKey[] keys, TimeProvider clock, TimeSpan expiresAfter)
    {
        var options = new HttpMessageSigningOptions { ExpiresAfter = expiresAfter };
        foreach (var key in keys)
        {
            options.Keys.Add(key);
        }

        var request = new HttpRequestMessage(method, new Uri(tour.Http.BaseAddress!, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var invoker = new HttpMessageInvoker(new HttpMessageSigningHandler(options, new HttpSignatureAlgorithmRegistry(), clock) { InnerHandler = new NotSent() });
        using var _ = await invoker.SendAsync(request, CancellationToken.None);
        return request;
    }

    /// <summary>Ends the signing pipeline without sending: the signed request is returned to the scenario.</summary>
    private sealed class NotSent : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
