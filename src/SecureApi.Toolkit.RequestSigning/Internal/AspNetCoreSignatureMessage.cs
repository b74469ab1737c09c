using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>
/// An incoming ASP.NET Core request as RFC 9421 sees it. The target is the raw request target from the server
/// (<see cref="IHttpRequestFeature.RawTarget"/>), never the decoded <c>Path</c> re-encoded; scheme and authority come
/// from <see cref="RequestSigningOptions.ExternalOrigin"/> when set.
/// </summary>
internal sealed class AspNetCoreSignatureMessage(HttpContext context, RequestSigningOptions options) : HttpSignatureMessage
{
    public override string? Method => context.Request.Method;

    public override string? Scheme => options.ExternalOrigin?.Scheme ?? context.Request.Scheme;

    public override string? Authority => options.ExternalOrigin is { } origin ? origin.Authority : context.Request.Host.Value;

    public override string? RequestTarget
    {
        get
        {
            var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
            if (string.IsNullOrEmpty(raw))
            {
                // Servers that do not expose the raw target: the encoded form of what routing saw.
                raw = context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
            }

            return options.ExternalPathBase.Length > 0 && raw.StartsWith('/') ? options.ExternalPathBase.TrimEnd('/') + raw : raw;
        }
    }

    public override int? StatusCode => null;

    public override HttpSignatureMessage? Request => null;

    public override IReadOnlyList<string>? GetFieldValues(string name, bool trailer)
    {
        if (trailer)
        {
            // Trailers exist only once the body has been read to the end, which RequestSignatureVerifier does first
            // when a signature covers a ;tr component. Unsupported (HTTP/1.0, TestServer) or absent: missing.
            var request = context.Request;
            if (!request.SupportsTrailers() || !request.CheckTrailersAvailable())
            {
                return null;
            }

            var trailers = request.GetTrailer(name);
            return trailers.Count == 0 ? null : (IReadOnlyList<string>)trailers;
        }

        return context.Request.Headers.TryGetValue(name, out var values) ? (IReadOnlyList<string>)values : null;
    }
}
