using System.Text.Json;
using SecureApi.Sample.Features;

namespace SecureApi.Sample.Tour;

/// <summary>The sample itself: it answers, unknown things are problem+json 404s, and it reports its health.</summary>
internal sealed class CoreScenarios : ITourScenarioSet
{
    public int Order => 0;

    public IEnumerable<TourScenario> Scenarios =>
    [
        new(
            "core: the sample answers GET /customers",
            "200 application/json with a non-empty array of customers, each with an id and a name",
            async tour =>
            {
                var response = await tour.GetAsync("/customers");
                var customers = response.Json;
                var ok = response.Status == 200
                    && response.MediaType == "application/json"
                    && customers is { ValueKind: JsonValueKind.Array } array
                    && array.GetArrayLength() > 0
                    && array.EnumerateArray().All(c => c.TryGetProperty("id", out _) && c.TryGetProperty("name", out _));
                return TourVerdict.When(ok, response.Summary);
            }),

        new(
            "core: a customer is created and can be read back",
            "POST /customers answers 201 with a Location; GET on that Location answers 200 with the same name",
            async tour =>
            {
                var created = await tour.PostJsonAsync("/customers", new { name = "Tour Ltd", email = "tour@example.org", cardNumber = "4000056655665556", creditLimit = 1000 });
                var location = created.Headers.Location?.ToString();
                if (created.Status != 201 || location is null)
                {
                    return TourVerdict.When(false, created.Summary);
                }

                var read = await tour.GetAsync(location);
                var ok = read.Status == 200 && read.Json is { } json && json.TryGetProperty("name", out var name) && name.GetString() == "Tour Ltd";
                return TourVerdict.When(ok, $"{created.Status} Location {location}; then {read.Summary}");
            }),

        new(
            "core: an invalid customer is a problem+json 400",
            "400 application/problem+json listing the invalid field (email)",
            async tour =>
            {
                var response = await tour.PostJsonAsync("/customers", new { name = "No Mail Ltd", email = "not-an-address" });
                var ok = response.IsProblem(400)
                    && response.Json is { } json
                    && json.TryGetProperty("errors", out var errors)
                    && errors.TryGetProperty("email", out _);
                return TourVerdict.When(ok, response.Summary);
            }),

        new(
            "core: an unknown route is a problem+json 404",
            "404 application/problem+json with status 404 in the body",
            async tour =>
            {
                var response = await tour.GetAsync("/no-such-route");
                return TourVerdict.When(response.IsProblem(404), response.Summary);
            }),

        new(
            "core: an unknown customer id is a problem+json 404",
            "404 application/problem+json with status 404 in the body",
            async tour =>
            {
                var response = await tour.GetAsync("/customers/999999");
                return TourVerdict.When(response.IsProblem(404), response.Summary);
            }),

        new(
            "core: the health endpoint reports healthy",
            "200 application/json with status Healthy and every check Healthy; when Redis is configured, the checks include redis",
            async tour =>
            {
                var response = await tour.GetAsync("/health");
                var redisConfigured = RedisSample.ConnectionString(tour.Configuration) is not null;
                var ok = response.Status == 200
                    && response.Json is { } json
                    && json.GetProperty("status").GetString() == "Healthy"
                    && json.GetProperty("checks").EnumerateArray().All(c => c.GetProperty("status").GetString() == "Healthy")
                    && (!redisConfigured || json.GetProperty("checks").EnumerateArray().Any(c => c.GetProperty("name").GetString() == "redis"));
                return TourVerdict.When(ok, response.Summary);
            }),
    ];
}
