using SecureApi.Toolkit.HttpSignatures;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>
/// Signing of the responses to verified signed requests (RFC 9421 §2.4): the response signature covers its status and
/// the request's components with <c>;req</c>, and by default the request's verified signature itself, so a client can
/// prove that this response answers exactly the request it signed.
/// </summary>
public sealed class ResponseSigningOptions
{
    /// <summary>Gets or sets the key that signs responses (it must hold a private key or secret); clients verify with its public part or the shared secret.</summary>
    /// <value>The default is <see langword="null"/>: responses are not signed.</value>
    public HttpSignatureKey? Key { get; set; }

    /// <summary>Gets or sets the label of the response signature.</summary>
    /// <value>The default is <c>sig1</c>.</value>
    public string Label { get; set; } = "sig1";

    /// <summary>
    /// Gets the covered components, as for <see cref="HttpSignatureSigningParameters.Components"/>. Request components need
    /// <c>;req</c>; a response field listed here must be present on every signed response, or the response goes out unsigned.
    /// </summary>
    /// <value>The default is <c>@status</c>, <c>"@method";req</c>, <c>"@authority";req</c>, <c>"@path";req</c>, <c>"@query";req</c>.</value>
    public IList<string> Components { get; } = ["@status", "\"@method\";req", "\"@authority\";req", "\"@path\";req", "\"@query\";req"];

    /// <summary>Gets or sets whether the request's verified signature is covered too (<c>"signature";req;key="&lt;label&gt;"</c>).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CoverRequestSignature { get; set; } = true;
}
