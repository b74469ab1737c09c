using Microsoft.AspNetCore.Http;
using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.RequestSigning;

/// <summary>
/// What the Signature-Input field declares, read with the structured-field parser before any verification: the labels,
/// and the key ids of the signatures that cover a trailer (a component with the <c>tr</c> parameter). An unparseable
/// field yields an empty summary; the verifier then rejects it as malformed.
/// </summary>
internal readonly record struct SignatureInputSummary(List<string>? Labels, List<string>? TrailerKeyIds)
{
    public int Count => Labels?.Count ?? 0;

    public static SignatureInputSummary Read(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue("Signature-Input", out var lines) || lines.Count == 0)
        {
            return default;
        }

        SfDictionary inputs;
        try
        {
            inputs = StructuredFieldParser.ParseDictionary(lines.Count == 1 ? lines[0]! : string.Join(", ", lines.ToArray()));
        }
        catch (StructuredFieldException)
        {
            return default;
        }

        var labels = new List<string>(inputs.Count);
        List<string>? trailerKeyIds = null;
        for (var i = 0; i < inputs.Count; i++)
        {
            var (label, member) = inputs[i];
            labels.Add(label);
            if (member is SfInnerList list && CoversTrailer(list) && list.Parameters.TryGetValue("keyid", out var keyId) && keyId is string id)
            {
                (trailerKeyIds ??= []).Add(id);
            }
        }

        return new SignatureInputSummary(labels, trailerKeyIds);
    }

    private static bool CoversTrailer(SfInnerList list)
    {
        foreach (var item in list.Items)
        {
            if (item.Parameters.Contains("tr"))
            {
                return true;
            }
        }

        return false;
    }
}
