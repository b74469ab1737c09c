using Microsoft.AspNetCore.Http;
using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>The response being sent, as RFC 9421 sees it, with the request it answers for <c>;req</c> components.</summary>
internal sealed class AspNetCoreResponseSignatureMessage(HttpContext context, HttpSignatureMessage request) : HttpSignatureMessage
{
    public override string? Method => null;

    public override string? Scheme => null;

    public override string? Authority => null;

    public override string? RequestTarget => null;

    public override int? StatusCode => context.Response.StatusCode;

    public override HttpSignatureMessage? Request => request;

    // Response trailers are written after the headers that carry the signature, so they cannot be covered.
    public override IReadOnlyList<string>? GetFieldValues(string name, bool trailer) =>
        !trailer && context.Response.Headers.TryGetValue(name, out var values) ? (IReadOnlyList<string>)values : null;
}
