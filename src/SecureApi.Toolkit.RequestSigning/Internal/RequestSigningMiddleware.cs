using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.HttpSignatures;
using SecureApi.Toolkit.Problems;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>
/// Verifies the request signature where an endpoint requires one, or wherever a client sent one, and makes the
/// verified key the caller (<c>HttpContext.User</c>). Runs at the Authentication stage, after routing, so the
/// endpoint's <c>RequireSignature</c>/<c>DisableSignature</c> metadata is known.
/// </summary>
internal sealed class RequestSigningMiddleware(
    RequestDelegate next,
    RequestSignatureVerifier verifier,
    IOptionsMonitor<RequestSigningOptions> options,
    RequestSigningMetrics metrics,
    HttpSignatureAlgorithmRegistry algorithms,
    TimeProvider time,
    ILogger<RequestSigningMiddleware> logger)
{
    private readonly HttpMessageSigner _responseSigner = new(algorithms);

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<DisableSignatureAttribute>() is not null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var o = options.CurrentValue;
        var require = endpoint?.Metadata.GetMetadata<RequireSignatureAttribute>();
        var required = require is not null || o.RequireByDefault;
        var headers = context.Request.Headers;
        var presented = headers.ContainsKey("Signature-Input") || headers.ContainsKey("Signature");
        if (!presented && !required)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var profileName = require?.Profile ?? RequestSigningOptions.DefaultProfileName;
        if (!o.Profiles.TryGetValue(profileName, out var profile))
        {
            throw new InvalidOperationException($"RequireSignature(\"{profileName}\") names a profile that RequestSigningOptions.Profiles does not define. Add it in AddRequestSigning(o => o.Profiles[\"{profileName}\"] = new SignatureProfile {{ ... }}).");
        }

        var outcome = await verifier.VerifyAsync(context, o, profile).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            await RejectAsync(context, profile, profileName, outcome).ConfigureAwait(false);
            return;
        }

        var result = outcome.Result!;
        var principal = CreatePrincipal(result);
        context.Features.Set<IHttpSignatureFeature>(new HttpSignatureFeature(result, profileName, principal));
        context.User = principal;
        metrics.Accepted(result.Algorithm!);
        RequestSigningLog.SignatureAccepted(logger, result.KeyId!, result.Label!, result.Algorithm!, profileName);
        if (o.ResponseSigning.Key is not null)
        {
            // Headers are still writable just before the response starts; the status is final by then.
            context.Response.OnStarting(() => SignResponseAsync(context, o, result));
        }

        await next(context).ConfigureAwait(false);
    }

    private async Task SignResponseAsync(HttpContext context, RequestSigningOptions options, HttpSignatureVerificationResult verified)
    {
        var signing = options.ResponseSigning;
        var parameters = new HttpSignatureSigningParameters { Label = signing.Label, Created = time.GetUtcNow() };
        foreach (var component in signing.Components)
        {
            parameters.Components.Add(component);
        }

        if (signing.CoverRequestSignature)
        {
            // The label is a structured-field key (the parser guaranteed it), so it needs no escaping in the string.
            parameters.Components.Add("\"signature\";req;key=\"" + verified.Label + "\"");
        }

        try
        {
            var response = new AspNetCoreResponseSignatureMessage(context, new AspNetCoreSignatureMessage(context, options));
            var signature = await _responseSigner.SignAsync(response, parameters, signing.Key!, context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers.Append("Signature-Input", signature.SignatureInput);
            context.Response.Headers.Append("Signature", signature.Signature);
        }
        catch (HttpSignatureException ex)
        {
            RequestSigningLog.ResponseNotSigned(logger, ex.Error.ToReason());
        }
    }

    internal static ClaimsPrincipal CreatePrincipal(HttpSignatureVerificationResult result)
    {
        var key = result.Key!;
        var callerId = key.ClientId ?? key.KeyId;
        var claims = new List<Claim>(4 + key.Permissions.Count)
        {
            new(ApiCallerClaimTypes.Subject, callerId),
            new(ApiCallerClaimTypes.ClientId, callerId),
            new(ApiCallerClaimTypes.Kind, ApiCallerClaimTypes.KindSignedClient),
            new(RequestSigningDefaults.KeyIdClaimType, key.KeyId),
        };
        foreach (var permission in key.Permissions)
        {
            claims.Add(new Claim(ApiCallerClaimTypes.Permission, permission));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, RequestSigningDefaults.AuthenticationScheme, ApiCallerClaimTypes.Subject, null));
    }

    internal static Task WriteRejectionAsync(HttpContext context, SignatureProfile profile, RequestSignatureOutcome outcome)
    {
        if (outcome.HintAcceptSignature)
        {
            context.Response.Headers["Accept-Signature"] = AcceptSignatureHint.For(profile, RequestSignatureVerifier.HasBody(context));
        }

        var title = outcome.StatusCode switch
        {
            StatusCodes.Status503ServiceUnavailable => "The request signature cannot be checked right now.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts from a signed request.",
            StatusCodes.Status408RequestTimeout => "The request body did not arrive in time.",
            StatusCodes.Status400BadRequest => "The request body could not be read.",
            _ => "The request signature is missing or invalid.",
        };
        return SecureApiProblems.WriteAsync(context, outcome.StatusCode, outcome.PublicReason!, title);
    }

    private async Task RejectAsync(HttpContext context, SignatureProfile profile, string profileName, RequestSignatureOutcome outcome)
    {
        metrics.Rejected(outcome.Reason!);
        RequestSigningLog.SignatureRejected(logger, outcome.Reason!, outcome.Result?.KeyId, profileName, outcome.Detail ?? outcome.Result?.FailureDetail);
        context.ReportSecuritySignal(new SecuritySignal(outcome.SignalKind, outcome.Reason));
        await WriteRejectionAsync(context, profile, outcome).ConfigureAwait(false);
    }
}
