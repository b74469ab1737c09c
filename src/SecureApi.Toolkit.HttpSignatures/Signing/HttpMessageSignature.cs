namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>A created signature: the members to add to the <c>Signature-Input</c> and <c>Signature</c> dictionaries.</summary>
/// <param name="Label">The label.</param>
/// <param name="SignatureInput">The serialized <c>Signature-Input</c> member, <c>label=(...);params</c>.</param>
/// <param name="Signature">The serialized <c>Signature</c> member, <c>label=:base64:</c>.</param>
public sealed record HttpMessageSignature(string Label, string SignatureInput, string Signature);
