using System.Globalization;
using System.Text.RegularExpressions;

namespace SecureApi.Sample.Tour;

/// <summary>
/// Rate limiting seen from a client: a burst refused with its headers, a second policy refusing while the first still
/// allows, and a weighted endpoint. Each scenario sends until it is refused, so it holds whether the limits start fresh
/// (in memory) or were partly used by an earlier run against the same Redis.
/// </summary>
internal sealed partial class RateLimitingScenarios : ITourScenarioSet
{
    public int Order => 400;

    public IEnumerable<TourScenario> Scenarios =>
    [
        new(
            "rate limiting: a burst over the limit is refused with Retry-After and RateLimit headers",
            "GET /reports/daily answers 200 with RateLimit-Policy \"reports-burst\";q=5;w=60 until the 5-request burst is spent, then 429 problem+json naming reports-burst, Retry-After >= 1 and RateLimit r=0",
            async tour =>
            {
                TourResponse? ok = null;
                TourResponse? refused = null;
                for (var i = 0; i < 12 && refused is null; i++)
                {
                    var response = await tour.GetAsync("/reports/daily");
                    if (response.Status == 200)
                    {
                        ok ??= response;
                    }
                    else
                    {
                        refused = response;
                    }
                }

                var passed = refused is not null
                    && refused.IsProblem(429)
                    && Title(refused).Contains("reports-burst", StringComparison.Ordinal)
                    && int.TryParse(Header(refused, "Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var retry) && retry >= 1
                    && Header(refused, "RateLimit").StartsWith("\"reports-burst\";r=0;t=", StringComparison.Ordinal)
                    && (ok is null || Header(ok, "RateLimit-Policy") == "\"reports-burst\";q=5;w=60");
                return TourVerdict.When(passed, refused is null
                    ? "never refused"
                    : $"{refused.Summary}; Retry-After: {Header(refused, "Retry-After")}; RateLimit: {Header(refused, "RateLimit")}");
            }),

        new(
            "rate limiting: a second policy refuses while the first still allows",
            "GET /search is under search-minute (100/min) and search-burst (3 per 10 s): the 429 names only search-burst, and its RateLimit field shows search-minute with permits left",
            async tour =>
            {
                TourResponse? refused = null;
                for (var i = 0; i < 8 && refused is null; i++)
                {
                    var response = await tour.GetAsync("/search?q=acme");
                    refused = response.Status == 429 ? response : null;
                }

                var rateLimit = refused is null ? string.Empty : Header(refused, "RateLimit");
                var minuteLeft = MinuteRemaining().Match(rateLimit);
                var passed = refused is not null
                    && refused.IsProblem(429)
                    && Title(refused) == "Rate limit exceeded: search-burst"
                    && minuteLeft.Success && int.Parse(minuteLeft.Groups[1].Value, CultureInfo.InvariantCulture) > 0
                    && rateLimit.Contains("\"search-burst\";r=0", StringComparison.Ordinal);
                return TourVerdict.When(passed, refused is null ? "never refused" : $"{refused.Summary}; RateLimit: {rateLimit}");
            }),

        new(
            "rate limiting: a weighted endpoint takes its cost from a shared budget",
            "POST /reports/export costs 4 of the 10-token report-budget (GET /reports/list costs 1): each export lowers r by 4 until one is refused with fewer than 4 tokens left",
            async tour =>
            {
                var remaining = new List<int>();
                TourResponse? refused = null;
                for (var i = 0; i < 7 && refused is null; i++)
                {
                    var response = await tour.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/reports/export"));
                    if (response.Status == 429)
                    {
                        refused = response;
                    }
                    else if (response.Status == 202)
                    {
                        remaining.Add(Remaining(Header(response, "RateLimit")));
                    }
                }

                var left = refused is null ? -1 : Remaining(Header(refused, "RateLimit"));
                var stepsOfFour = remaining.Count >= 2 && remaining.Zip(remaining.Skip(1)).All(p => p.First - p.Second is 4 or 3); // refill may add one between requests
                var passed = refused is not null && refused.IsProblem(429) && left is >= 0 and < 4 && stepsOfFour
                    && Title(refused).Contains("report-budget", StringComparison.Ordinal);
                return TourVerdict.When(passed, $"exports left r = [{string.Join(", ", remaining)}], then {refused?.Summary ?? "never refused"} with r={left}");
            }),
    ];

    private static string Header(TourResponse response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : string.Empty;

    private static string Title(TourResponse response) =>
        response.Json is { } json && json.TryGetProperty("title", out var title) ? title.GetString() ?? string.Empty : string.Empty;

    private static int Remaining(string rateLimit)
    {
        var match = RemainingPattern().Match(rateLimit);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex("\"search-minute\";r=(\\d+)")]
    private static partial Regex MinuteRemaining();

    [GeneratedRegex(";r=(\\d+)")]
    private static partial Regex RemainingPattern();
}
