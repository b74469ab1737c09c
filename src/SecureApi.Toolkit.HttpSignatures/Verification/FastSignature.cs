using System.Buffers;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// One signature read by <see cref="SignatureFastPath"/>: everything the verifier needs, without structured-field
/// objects. The signature bytes live in a pooled buffer that <see cref="Return"/> gives back.
/// </summary>
internal readonly struct FastSignature
{
    public FastSignature(string label, string[] covered, SignatureParameters parameters, string input, int innerListStart, int innerListLength, byte[] signatureBuffer, int signatureLength)
    {
        Label = label;
        Covered = covered;
        Parameters = parameters;
        Input = input;
        InnerListStart = innerListStart;
        InnerListLength = innerListLength;
        SignatureBuffer = signatureBuffer;
        SignatureLength = signatureLength;
    }

    public string Label { get; }

    /// <summary>Gets the covered component names (the fast shape has no component parameters).</summary>
    public string[] Covered { get; }

    public SignatureParameters Parameters { get; }

    /// <summary>Gets the Signature-Input field value the signature was read from.</summary>
    public string Input { get; }

    /// <summary>Gets where the inner list with its parameters starts in <see cref="Input"/>; that text is already canonical, so it is the <c>@signature-params</c> value.</summary>
    public int InnerListStart { get; }

    /// <summary>Gets the length of the inner list with its parameters in <see cref="Input"/>.</summary>
    public int InnerListLength { get; }

    public byte[] SignatureBuffer { get; }

    public int SignatureLength { get; }

    public ReadOnlySpan<char> SignatureParams => Input.AsSpan(InnerListStart, InnerListLength);

    public ReadOnlyMemory<byte> Signature => SignatureBuffer.AsMemory(0, SignatureLength);

    public void Return() => ArrayPool<byte>.Shared.Return(SignatureBuffer);
}
