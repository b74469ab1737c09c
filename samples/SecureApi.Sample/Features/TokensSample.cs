using System.Security.Cryptography;
using SecureApi.Sample.Data;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Tokens;

namespace SecureApi.Sample.Features;

/// <summary>
/// Access tokens and API keys for partner integrations: <c>/partner/orders</c> needs <c>orders.read</c>,
/// <c>/partner/customers</c> needs <c>customers.read</c>; the JWKS is published for relying parties; third parties
/// redeem activation codes at <c>/oauth/activate</c> and get tokens at <c>/oauth/token</c>.
/// </summary>
internal static class TokensSample
{
    public const string Issuer = "https://sample.secureapi.local";
    public const string Audience = "https://sample.secureapi.local";

    public static void AddTokens(SecureApiBuilder api, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        api.AddAccessTokens(o =>
        {
            o.Issuer = Issuer;
            o.Audience = Audience;

            // A sample generates its key at start-up; a real API loads it from a key vault and rotates it with
            // SignFrom/RetireAt so relying parties always find the next key in the JWKS first.
            o.SigningKeys.Add(AccessTokenSigningKey.CreateEs256("sample-es256"));
        });

        api.AddApiKeys(o =>
        {
            o.HashKey = config["SecureApi:Tokens:ApiKeyHashKey"] is { Length: > 0 } configured
                ? Convert.FromBase64String(configured)
                : RandomNumberGenerator.GetBytes(32);
            o.HeaderName = "X-Api-Key";
        });

        // Third parties get credentials by redeeming an activation code; secrets are Argon2id hashes (AddArgon2Hashing
        // is registered by HashingSample).
        api.AddClientCredentials();
    }

    public static void MapTokens(WebApplication app)
    {
        app.MapJwks();
        app.MapClientActivation();
        app.MapClientCredentialsToken();
        var partner = app.MapGroup("/partner").WithTags("Partner");
        partner.MapGet("/orders", (SampleRepository data) => TypedResults.Ok(data.Orders())).RequirePermission("orders.read");
        partner.MapGet("/customers", (SampleRepository data) => TypedResults.Ok(data.Customers())).RequirePermission("customers.read");
    }
}
