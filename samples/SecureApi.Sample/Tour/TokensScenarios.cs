using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Sample.Tour;

/// <summary>Access tokens and API keys: permitted and refused endpoints, forged tokens refused, revocation.</summary>
internal sealed class TokensScenarios : ITourScenarioSet
{
    public int Order => 300;

    public IEnumerable<TourScenario> Scenarios =>
    [
        new(
            "tokens: a third party redeems its activation code once, then gets a token from /oauth/token",
            "activation 200 with client_id and client_secret; a second redemption 400 invalid_grant; token endpoint 200 Bearer with scope orders.read; the token reads /partner/orders (200) and is refused on /partner/customers (403)",
            async tour =>
            {
                var code = await tour.Services.GetRequiredService<ClientCredentialsManager>().IssueActivationCodeAsync("tour-partner", ["orders.read"], TimeSpan.FromDays(30));
                var activated = await tour.SendAsync(Form("/oauth/activate", new() { ["activation_code"] = code.Code }), "activation_code=<code>");
                var again = await tour.SendAsync(Form("/oauth/activate", new() { ["activation_code"] = code.Code }), "activation_code=<same code>");
                if (activated.Status != 200 || activated.Json is not { } credentials)
                {
                    return TourVerdict.When(false, activated.Summary);
                }

                var tokenRequest = Form("/oauth/token", new() { ["grant_type"] = "client_credentials" });
                var pair = credentials.GetProperty("client_id").GetString() + ":" + credentials.GetProperty("client_secret").GetString();
                tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
                var token = await tour.SendAsync(tokenRequest, "grant_type=client_credentials, Authorization: Basic <client_id:client_secret>");
                var accessToken = token.Json?.GetProperty("access_token").GetString() ?? string.Empty;
                var permitted = await tour.SendAsync(Bearer("/partner/orders", accessToken), "Authorization: Bearer <client token>");
                var refused = await tour.SendAsync(Bearer("/partner/customers", accessToken), "Authorization: Bearer <client token>");
                var ok = again.Status == 400
                    && again.Json?.GetProperty("error").GetString() == "invalid_grant"
                    && token.Status == 200
                    && token.Json?.GetProperty("token_type").GetString() == "Bearer"
                    && token.Json?.GetProperty("scope").GetString() == "orders.read"
                    && permitted.Status == 200
                    && refused.IsProblem(403);
                return TourVerdict.When(ok, $"activate {activated.Status}, again {again.Status}, token {token.Status}, /partner/orders {permitted.Status}, /partner/customers {refused.Status}");
            }),

        new(
            "tokens: the JWKS publishes the public signing key",
            "200 application/jwk-set+json with one EC P-256 key with kid, alg ES256 and no private part",
            async tour =>
            {
                var response = await tour.GetAsync("/.well-known/jwks.json");
                var ok = response.Status == 200
                    && response.MediaType == "application/jwk-set+json"
                    && response.Json is { } json
                    && json.GetProperty("keys").EnumerateArray().ToList() is { } keys
                    && keys.Count == 1
                    && keys[0].GetProperty("kty").GetString() == "EC"
                    && keys[0].GetProperty("crv").GetString() == "P-256"
                    && keys[0].GetProperty("alg").GetString() == "ES256"
                    && keys[0].TryGetProperty("kid", out _)
                    && !keys.Any(k => k.TryGetProperty("d", out _));
                return TourVerdict.When(ok, response.Summary);
            }),

        new(
            "tokens: a token with orders.read reads /partner/orders",
            "200 application/json with the orders",
            async tour =>
            {
                var token = Issue(tour, "orders.read");
                var response = await tour.SendAsync(Bearer("/partner/orders", token), "Authorization: Bearer <orders.read token>");
                return TourVerdict.When(response.Status == 200 && response.Json is { ValueKind: JsonValueKind.Array }, response.Summary);
            }),

        new(
            "tokens: the same token is refused on /partner/customers",
            "403 application/problem+json naming only the required permission customers.read",
            async tour =>
            {
                var token = Issue(tour, "orders.read");
                var response = await tour.SendAsync(Bearer("/partner/customers", token), "Authorization: Bearer <orders.read token>");
                var ok = response.IsProblem(403)
                    && response.Json is { } json
                    && json.GetProperty("required").EnumerateArray().Select(e => e.GetString()).SequenceEqual(["customers.read"])
                    && !response.Body.Contains("orders.read", StringComparison.Ordinal);
                return TourVerdict.When(ok, response.Summary);
            }),

        new(
            "tokens: a tampered token is refused",
            "401 application/problem+json with WWW-Authenticate: Bearer error=\"invalid_token\"",
            async tour =>
            {
                var parts = Issue(tour, "orders.read").Split('.');
                var payload = Encode("""{"iss":"https://sample.secureapi.local","aud":"https://sample.secureapi.local","sub":"mallory","scope":"orders.read customers.read","exp":4102444800}""");
                var response = await tour.SendAsync(Bearer("/partner/customers", parts[0] + "." + payload + "." + parts[2]), "Authorization: Bearer <token with a rewritten payload>");
                var ok = response.IsProblem(401) && response.Headers.WwwAuthenticate.ToString().Contains("invalid_token", StringComparison.Ordinal);
                return TourVerdict.When(ok, response.Summary);
            }),

        new(
            "tokens: an alg:none token is refused",
            "401 application/problem+json",
            async tour =>
            {
                var header = Encode("""{"alg":"none","typ":"at+jwt","kid":"sample-es256"}""");
                var payload = Encode("""{"iss":"https://sample.secureapi.local","aud":"https://sample.secureapi.local","sub":"mallory","scope":"orders.read","exp":4102444800}""");
                var response = await tour.SendAsync(Bearer("/partner/orders", header + "." + payload + "."), "Authorization: Bearer <unsigned alg:none token>");
                return TourVerdict.When(response.IsProblem(401), response.Summary);
            }),

        new(
            "tokens: an API key works, then stops once revoked",
            "200 with X-Api-Key before revocation; 401 application/problem+json with the same key after",
            async tour =>
            {
                var keys = tour.Services.GetRequiredService<ApiKeyManager>();
                var created = await keys.CreateAsync("tour integration", ["orders.read"]);
                var before = await tour.SendAsync(ApiKey("/partner/orders", created.Key), "X-Api-Key: <new key>");
                await keys.RevokeAsync(created.KeyId);
                var after = await tour.SendAsync(ApiKey("/partner/orders", created.Key), "X-Api-Key: <revoked key>");
                return TourVerdict.When(before.Status == 200 && after.IsProblem(401), $"before: {before.Summary}; after revocation: {after.Summary}");
            }),
    ];

    private static HttpRequestMessage Form(string path, Dictionary<string, string> fields)
        => new(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };

    private static string Issue(TourContext tour, params string[] permissions)
        => tour.Services.GetRequiredService<AccessTokenIssuer>().Issue("tour-user", permissions, "tour-app").AccessToken;

    private static HttpRequestMessage Bearer(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static HttpRequestMessage ApiKey(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private static string Encode(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
