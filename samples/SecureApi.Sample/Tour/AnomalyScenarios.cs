using System.Net.Http.Json;
using System.Text.Json;

namespace SecureApi.Sample.Tour;

/// <summary>
/// Anomaly detection: bad sign-ins get a caller suspended (429 with Retry-After), the hook receives the evidence, an
/// allow-listed caller is never suspended, and the suspended caller is served again after its cool-down. The
/// suspended client is a made-up address sent through <c>X-Forwarded-For</c> (the sample trusts loopback as a
/// proxy), so the tour's own address stays usable.
/// </summary>
internal sealed class AnomalyScenarios : ITourScenarioSet
{
    private const string Attacker = "198.51.100.23";
    private const string CoolingDown = "198.51.100.42";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public int Order => 900;

    public IEnumerable<TourScenario> Scenarios =>
    [
        new(
            "anomaly: repeated bad sign-ins suspend the caller",
            "5 wrong passwords answer 401; then the same client gets 429 application/problem+json of type abnormal-usage-detected with Retry-After",
            async tour =>
            {
                for (var i = 0; i < 5; i++)
                {
                    var refused = await SignInAsync(tour, "wrong", Attacker);
                    if (refused.Status != 401)
                    {
                        return TourVerdict.When(false, "sign-in " + (i + 1) + ": " + refused.Summary);
                    }
                }

                // Detection runs in the background, off the request path: give it a moment.
                var response = await EventuallyAsync(() => GetAsAsync(tour, "/customers", Attacker), r => r.Status == 429);
                var ok = response.IsProblem(429)
                    && response.Json?.GetProperty("type").GetString() == "https://iana.org/assignments/http-problem-types#abnormal-usage-detected"
                    && response.Headers.RetryAfter?.Delta is { } retry && retry > TimeSpan.Zero;
                return TourVerdict.When(ok, $"{response.Summary} Retry-After: {response.Headers.RetryAfter}");
            }),

        new(
            "anomaly: the hook receives the evidence",
            "GET /anomaly/alerts lists a Detected event for the client with count 5, threshold 5 and its recent bad-password signals, and a Suspended event",
            async tour =>
            {
                // The hooks run off the request path and need not finish in order: wait until both events are in.
                var alerts = await EventuallyAsync(
                    () => tour.GetAsync("/anomaly/alerts"),
                    r => Events(r, "ip:" + Attacker).Select(e => e.GetProperty("type").GetString()).Intersect(["Detected", "Suspended"]).Count() == 2);
                var events = Events(alerts, "ip:" + Attacker);
                var detected = events.FirstOrDefault(e => e.GetProperty("type").GetString() == "Detected");
                var ok = detected.ValueKind == JsonValueKind.Object
                    && detected.GetProperty("count").GetInt64() == 5
                    && detected.GetProperty("threshold").GetInt64() == 5
                    && detected.GetProperty("recent").EnumerateArray().Count(r => r.GetProperty("reason").GetString() == "bad-password") == 5
                    && events.Any(e => e.GetProperty("type").GetString() == "Suspended");
                return TourVerdict.When(ok, alerts.Summary);
            }),

        new(
            "anomaly: an allow-listed caller is never suspended",
            "8 wrong passwords from the allow-listed loopback address answer 401, the hook sees the detection, and GET /customers still answers 200",
            async tour =>
            {
                for (var i = 0; i < 8; i++)
                {
                    var refused = await SignInAsync(tour, "wrong", forwardedFor: null);
                    if (refused.Status != 401)
                    {
                        return TourVerdict.When(false, "sign-in " + (i + 1) + ": " + refused.Summary);
                    }
                }

                var detected = await EventuallyAsync(() => tour.GetAsync("/anomaly/alerts"), r => Events(r, "ip:127.0.0.1").Any(e => e.GetProperty("type").GetString() == "Detected"));
                var response = await tour.GetAsync("/customers");
                var alerts = await tour.GetAsync("/anomaly/alerts");
                var sawDetection = Events(detected, "ip:127.0.0.1").Any(e => e.GetProperty("type").GetString() == "Detected");
                var suspended = Events(alerts, "ip:127.0.0.1").Any(e => e.GetProperty("type").GetString() == "Suspended");
                var ok = sawDetection && response.Status == 200 && !suspended;
                return TourVerdict.When(ok, $"hook saw Detected: {sawDetection}, Suspended: {suspended}; {response.Summary}");
            }),

        new(
            "anomaly: after the cool-down the caller is served again",
            "a second client suspended by 5 wrong passwords gets 429 with Retry-After (the sample's first cool-down is 2 s); once Retry-After has passed it gets 200 again",
            async tour =>
            {
                // A client of its own, suspended here: the scenario does not depend on an earlier one or on how long ago it ran.
                for (var i = 0; i < 5; i++)
                {
                    var signIn = await SignInAsync(tour, "wrong", CoolingDown);
                    if (signIn.Status != 401)
                    {
                        return TourVerdict.When(false, "sign-in " + (i + 1) + ": " + signIn.Summary);
                    }
                }

                var refused = await EventuallyAsync(() => GetAsAsync(tour, "/customers", CoolingDown), r => r.Status == 429);
                var wait = refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
                if (!refused.IsProblem(429) || wait <= TimeSpan.Zero)
                {
                    return TourVerdict.When(false, $"{refused.Summary} Retry-After: {refused.Headers.RetryAfter}");
                }

                // Retry-After is in whole seconds, so the suspension ends within it; poll from then on, with a bound.
                var started = TimeProvider.System.GetTimestamp();
                using (var timer = new PeriodicTimer(wait))
                {
                    await timer.WaitForNextTickAsync();
                }

                var response = await EventuallyAsync(() => GetAsAsync(tour, "/customers", CoolingDown), r => r.Status == 200);
                var waited = TimeProvider.System.GetElapsedTime(started);
                return TourVerdict.When(response.Status == 200, $"{refused.Status} with Retry-After {wait.TotalSeconds} s, then after {waited.TotalSeconds:F1} s {response.Summary}");
            }),
    ];

    private static Task<TourResponse> SignInAsync(TourContext tour, string password, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/anomaly/sign-in") { Content = JsonContent.Create(new { user = "tour", password }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return tour.SendAsync(request, $"{{\"user\":\"tour\",\"password\":\"{password}\"}}" + (forwardedFor is null ? string.Empty : " X-Forwarded-For: " + forwardedFor));
    }

    private static Task<TourResponse> GetAsAsync(TourContext tour, string path, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return tour.SendAsync(request, "X-Forwarded-For: " + forwardedFor);
    }

    private static List<JsonElement> Events(TourResponse alerts, string callerId) =>
        alerts.Json is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(e => e.GetProperty("callerId").GetString() == callerId)]
            : [];

    /// <summary>Repeats <paramref name="send"/> every 50 ms until <paramref name="done"/> holds or 30 s pass (a loaded machine's background work is slow, never that slow).</summary>
    private static async Task<TourResponse> EventuallyAsync(Func<Task<TourResponse>> send, Func<TourResponse, bool> done)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        using var patience = new CancellationTokenSource(Patience);
        var response = await send();
        while (!done(response) && !patience.IsCancellationRequested)
        {
            await timer.WaitForNextTickAsync(CancellationToken.None);
            response = await send();
        }

        return response;
    }
}
