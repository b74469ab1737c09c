using System.Net.Http.Headers;
using System.Text.Json;
using SecureApi.Sample.Features;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Sample.Tour;

/// <summary>Field filtering: who sees which customer fields, masks, forbidden writes and <c>?fields=</c>.</summary>
internal sealed class FieldFilteringScenarios : ITourScenarioSet
{
    public int Order => 300;

    public IEnumerable<TourScenario> Scenarios =>
    [
        new(
            "field filtering: the same customer without and with customers.pii.read",
            "GET /customers/1001 anonymously: e-mail masked (b***@contoso.example), no creditLimit or internalNotes; as a caller with customers.pii.read: the clear e-mail",
            async tour =>
            {
                var anonymous = await tour.GetAsync("/customers/1001");
                var permitted = await GetAsAsync(tour, "/customers/1001", FieldFilteringSample.PiiRead);
                var ok = anonymous.Status == 200 && permitted.Status == 200
                    && Text(anonymous, "email") == "b***@contoso.example"
                    && !Has(anonymous, "creditLimit") && !Has(anonymous, "internalNotes")
                    && Text(permitted, "email") == "billing@contoso.example"
                    && !Has(permitted, "creditLimit");
                return TourVerdict.When(ok, $"anonymous: {anonymous.Summary}; with {FieldFilteringSample.PiiRead}: {permitted.Summary}");
            }),

        new(
            "field filtering: a card number is masked to its last four digits",
            "GET /customers/1001 without payments.read shows cardNumber ****1111; with payments.read the full number",
            async tour =>
            {
                var masked = await tour.GetAsync("/customers/1001");
                var clear = await GetAsAsync(tour, "/customers/1001", FieldFilteringSample.PaymentsRead);
                var ok = Text(masked, "cardNumber") == "****1111" && Text(clear, "cardNumber") == "4111111111111111";
                return TourVerdict.When(ok, $"without: {masked.Summary}; with {FieldFilteringSample.PaymentsRead}: {clear.Summary}");
            }),

        new(
            "field filtering: a write to a forbidden property is refused",
            "POST /customers with internalNotes by a caller without customers.notes.write: 400 problem+json forbidden-field-write that does not name the field; the same body with the permission: 201",
            async tour =>
            {
                var body = new { name = "Mass Assignment Ltd", email = "ma@example.org", internalNotes = "VIP: waive all fees" };
                var refused = await tour.PostJsonAsync("/customers", body);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/customers") { Content = System.Net.Http.Json.JsonContent.Create(body) };
                Authorize(tour, request, FieldFilteringSample.NotesWrite);
                var allowed = await tour.SendAsync(request, JsonSerializer.Serialize(body, JsonSerializerOptions.Web) + $" (as a caller with {FieldFilteringSample.NotesWrite})");
                var ok = refused.IsProblem(400)
                    && refused.Body.Contains("forbidden-field-write", StringComparison.Ordinal)
                    && !refused.Body.Contains("internalNotes", StringComparison.OrdinalIgnoreCase)
                    && !refused.Body.Contains("waive", StringComparison.Ordinal)
                    && allowed.Status == 201;
                return TourVerdict.When(ok, $"without: {refused.Summary}; with: {allowed.Status}");
            }),

        new(
            "field filtering: ?fields= cannot reveal a hidden field",
            "GET /customers/1001?fields=id,creditLimit,internalNotes anonymously is {\"id\":1001}, byte-identical to asking for an unknown field; with customers.finance.read it adds creditLimit",
            async tour =>
            {
                var hidden = await tour.GetAsync("/customers/1001?fields=id,creditLimit,internalNotes");
                var unknown = await tour.GetAsync("/customers/1001?fields=id,noSuchField,otherUnknown");
                var finance = await GetAsAsync(tour, "/customers/1001?fields=id,creditLimit,internalNotes", FieldFilteringSample.FinanceRead);
                var ok = hidden.Status == 200
                    && hidden.Body == """{"id":1001}"""
                    && unknown.Body == hidden.Body
                    && finance.Body == """{"id":1001,"creditLimit":50000}""";
                return TourVerdict.When(ok, $"hidden names: {hidden.Body}; unknown names: {unknown.Body}; with {FieldFilteringSample.FinanceRead}: {finance.Body}");
            }),
    ];

    private static Task<TourResponse> GetAsAsync(TourContext tour, string path, params string[] permissions)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        Authorize(tour, request, permissions);
        return tour.SendAsync(request, $"(as a caller with {string.Join(' ', permissions)})");
    }

    private static void Authorize(TourContext tour, HttpRequestMessage request, params string[] permissions)
    {
        // A real access token from the sample's issuer (SecureApi.Toolkit.Tokens): one permission vocabulary drives both
        // endpoint access and field visibility.
        var token = tour.Services.GetRequiredService<AccessTokenIssuer>().Issue("tour-staff", permissions, "tour-app").AccessToken;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static bool Has(TourResponse response, string name) => response.Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out _);

    private static string? Text(TourResponse response, string name) =>
        response.Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
