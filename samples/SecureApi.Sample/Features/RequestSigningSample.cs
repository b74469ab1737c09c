using Microsoft.AspNetCore.Http.HttpResults;
using SecureApi.Toolkit;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.RequestSigning;

namespace SecureApi.Sample.Features;

/// <summary>
/// RFC 9421 request signing: <c>/signed/*</c> requires a signature from a configured client key (section
/// <c>RequestSigning:Keys</c>, hot-reloaded); in Development, <c>/rfc9421/verify</c> trusts the RFC 9421 Appendix B
/// test keys under their RFC key ids, so any RFC 9421 implementation can be pointed at it.
/// </summary>
internal static class RequestSigningSample
{
    /// <summary>The profile of the Development-only RFC test endpoint.</summary>
    public const string RfcProfile = "rfc9421";

    public static void AddRequestSigning(SecureApiBuilder api, IConfiguration config, IHostEnvironment environment)
    {
        api.AddRequestSigning(o =>
        {
            if (environment.IsDevelopment())
            {
                // RFC implementations sign what they choose: only a body must be bound by content-digest.
                var rfc = new SignatureProfile { RequireNonce = false };
                rfc.RequiredComponents.Clear();
                rfc.RequiredComponentsWithBody.Clear();
                rfc.RequiredComponentsWithBody.Add("content-digest");
                rfc.AllowedAlgorithms.Add(HttpSignatureAlgorithms.RsaV15Sha256);
                o.Profiles[RfcProfile] = rfc;
            }
        });

        // Keys come from configuration and are reloaded when it changes: rotate by adding the new key, then retiring the old.
        api.Services.Configure<HttpSignatureKeyOptions>(config.GetSection("RequestSigning"));
        if (environment.IsDevelopment())
        {
            api.Services.PostConfigure<HttpSignatureKeyOptions>(RfcTestKeys.AddTo);
        }
    }

    public static void MapRequestSigning(WebApplication app)
    {
        var signed = app.MapGroup("/signed").RequireSignature();
        signed.MapGet("/whoami", (HttpContext http) => Describe(http));
        signed.MapPost("/orders", (HttpContext http, NewOrderRequest order) => TypedResults.Ok(new { received = order, signedBy = Describe(http) }));

        if (app.Environment.IsDevelopment())
        {
            app.MapMethods("/rfc9421/verify", ["GET", "POST", "PUT", "DELETE"], (HttpContext http) => Describe(http)).RequireSignature(RfcProfile);
        }
    }

    private static SignedCaller Describe(HttpContext http)
    {
        var caller = http.GetApiCaller();
        var signature = http.Features.Get<IHttpSignatureFeature>()!.Result;
        return new SignedCaller(caller.Id, signature.KeyId!, signature.Label!, signature.Algorithm!, [.. caller.Permissions.Order(StringComparer.Ordinal)]);
    }

    /// <summary>What the signed endpoints answer: who signed, with which key, label and algorithm.</summary>
    internal sealed record SignedCaller(string Caller, string KeyId, string Label, string Algorithm, string[] Permissions);

    /// <summary>The body of <c>POST /signed/orders</c>.</summary>
    internal sealed record NewOrderRequest(int CustomerId, string Item, int Quantity);
}
