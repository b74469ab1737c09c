using System.Buffers;
using System.Text;
using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures;

/// <summary>
/// Builds the RFC 9421 §2.5 signature base: one line per covered component, then the <c>@signature-params</c> line,
/// with no trailing newline. Every deviation (unknown component, bad parameter, missing field, duplicate identifier)
/// throws <see cref="HttpSignatureException"/>; nothing is guessed.
/// </summary>
public static class HttpSignatureBase
{
    /// <summary>Builds the signature base of <paramref name="message"/> for the covered components and parameters in <paramref name="signatureParameters"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="signatureParameters">The inner list of component identifiers with the signature parameters, as in <c>Signature-Input</c>.</param>
    /// <returns>The signature base (US-ASCII).</returns>
    /// <exception cref="HttpSignatureException">A component is invalid or cannot be derived from the message.</exception>
    public static string Create(HttpSignatureMessage message, SfInnerList signatureParameters)
    {
        var sb = Build(message, signatureParameters);
        var text = sb.ToString();
        Release(sb);
        return text;
    }

    /// <summary>Builds the signature base as the bytes that are signed.</summary>
    /// <param name="message">The message.</param>
    /// <param name="signatureParameters">The covered components and signature parameters.</param>
    /// <returns>The signature base bytes.</returns>
    /// <exception cref="HttpSignatureException">A component is invalid or cannot be derived from the message.</exception>
    public static byte[] CreateBytes(HttpSignatureMessage message, SfInnerList signatureParameters)
    {
        var sb = Build(message, signatureParameters);

        // The base is ASCII (checked in Build): copy the builder's chunks straight into the byte array.
        var bytes = new byte[sb.Length];
        var offset = 0;
        foreach (var chunk in sb.GetChunks())
        {
            offset += Encoding.ASCII.GetBytes(chunk.Span, bytes.AsSpan(offset));
        }

        Release(sb);
        return bytes;
    }

    [ThreadStatic]
    private static StringBuilder? s_cachedBuilder;

    /// <summary>Builds the signature base into a buffer rented from <see cref="ArrayPool{T}.Shared"/>; the caller returns it.</summary>
    internal static byte[] CreatePooled(HttpSignatureMessage message, SfInnerList signatureParameters, out int length) =>
        ToPooledBytes(Build(message, signatureParameters, null, default), out length);

    /// <summary>
    /// Builds the signature base for plain component names (no parameters) and an already canonical
    /// <c>@signature-params</c> value, as read by the verifier's fast path; the same lines as <see cref="CreateBytes"/>.
    /// </summary>
    internal static byte[] CreatePooled(HttpSignatureMessage message, IReadOnlyList<string> componentNames, ReadOnlySpan<char> signatureParams, out int length)
    {
        ArgumentNullException.ThrowIfNull(componentNames);
        return ToPooledBytes(Build(message, null, componentNames, signatureParams), out length);
    }

    private static byte[] ToPooledBytes(StringBuilder sb, out int length)
    {
        length = sb.Length;
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        var offset = 0;
        foreach (var chunk in sb.GetChunks())
        {
            offset += Encoding.ASCII.GetBytes(chunk.Span, bytes.AsSpan(offset));
        }

        Release(sb);
        return bytes;
    }

    private static StringBuilder Build(HttpSignatureMessage message, SfInnerList signatureParameters) =>
        Build(message, signatureParameters ?? throw new ArgumentNullException(nameof(signatureParameters)), null, default);

    /// <summary>Either <paramref name="list"/> (parsed identifiers) or <paramref name="names"/> with <paramref name="rawParams"/> (plain names, canonical parameters text).</summary>
    private static StringBuilder Build(HttpSignatureMessage message, SfInnerList? list, IReadOnlyList<string>? names, ReadOnlySpan<char> rawParams)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sb = s_cachedBuilder ?? new StringBuilder(512);
        s_cachedBuilder = null;
        sb.Clear();
        try
        {
            var count = list?.Items.Count ?? names!.Count;
            for (var i = 0; i < count; i++)
            {
                object value;
                SfParameters parameters;
                if (list is not null)
                {
                    var component = list.Items[i];
                    for (var j = 0; j < i; j++)
                    {
                        if (SameIdentifier(list.Items[j], component))
                        {
                            throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A component identifier is covered twice.");
                        }
                    }

                    value = component.Value;
                    parameters = component.Parameters;
                }
                else
                {
                    var name = names![i];
                    for (var j = 0; j < i; j++)
                    {
                        if (string.Equals(names[j], name, StringComparison.Ordinal))
                        {
                            throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A component identifier is covered twice.");
                        }
                    }

                    value = name;
                    parameters = SfParameters.Empty;
                }

                if (value is "@signature-params")
                {
                    throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "@signature-params cannot be a covered component.");
                }

                // The identifier as StructuredFieldSerializer.AppendMember writes an item.
                StructuredFieldSerializer.AppendBareItem(sb, value);
                StructuredFieldSerializer.AppendParameters(sb, parameters);
                sb.Append(": ");
                AppendValue(sb, message, value, parameters);
                sb.Append('\n');
            }

            sb.Append("\"@signature-params\": ");
            if (list is not null)
            {
                StructuredFieldSerializer.AppendInnerList(sb, list);
            }
            else
            {
                sb.Append(rawParams);
            }

            foreach (var chunk in sb.GetChunks())
            {
                foreach (var c in chunk.Span)
                {
                    if (c > 0x7E)
                    {
                        throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A covered value is not US-ASCII; cover it with ;bs.");
                    }
                }
            }

            return sb;
        }
        catch
        {
            Release(sb);
            throw;
        }
    }

    private static void Release(StringBuilder sb)
    {
        // Keep one modest builder per thread; a huge one (a hostile field) is left to the GC.
        if (sb.Capacity <= 4096)
        {
            s_cachedBuilder = sb;
        }
    }

    /// <summary>Two identifiers are the same when their serializations are: same name, same parameters in the same order.</summary>
    private static bool SameIdentifier(SfItem a, SfItem b)
    {
        if (!Equals(a.Value, b.Value) || a.Parameters.Count != b.Parameters.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Parameters.Count; i++)
        {
            var (ka, va) = a.Parameters[i];
            var (kb, vb) = b.Parameters[i];
            if (!string.Equals(ka, kb, StringComparison.Ordinal) || !Equals(va, vb))
            {
                return false;
            }
        }

        return true;
    }

    private static void AppendValue(StringBuilder sb, HttpSignatureMessage message, object value, SfParameters parameters)
    {
        if (value is not string name || name.Length == 0)
        {
            throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A component identifier must be a non-empty string.");
        }

        bool req = false, sf = false, bs = false, tr = false;
        string? key = null, queryName = null;
        for (var p = 0; p < parameters.Count; p++)
        {
            var (pkey, pvalue) = parameters[p];
            switch (pkey)
            {
                case "req" when pvalue is true:
                    req = true;
                    break;
                case "sf" when pvalue is true:
                    sf = true;
                    break;
                case "bs" when pvalue is true:
                    bs = true;
                    break;
                case "tr" when pvalue is true:
                    tr = true;
                    break;
                case "key" when pvalue is string k:
                    key = k;
                    break;
                case "name" when pvalue is string n:
                    queryName = n;
                    break;
                default:
                    throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A component identifier has an unknown or invalid parameter.");
            }
        }

        var source = message;
        if (req)
        {
            if (message.StatusCode is null)
            {
                throw new HttpSignatureException(HttpSignatureError.InvalidComponent, ";req is only valid on a response.");
            }

            source = message.Request ?? throw new HttpSignatureException(HttpSignatureError.ComponentMissing, ";req needs the request the response answers.");
        }

        if (name[0] == '@')
        {
            if (sf || bs || tr || key is not null || (queryName is not null && name != "@query-param"))
            {
                throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A derived component has a field-only parameter.");
            }

            AppendDerived(sb, source, name, queryName, req);
            return;
        }

        if (queryName is not null || (bs && (sf || key is not null)))
        {
            throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A field component has an invalid parameter combination.");
        }

        foreach (var c in name)
        {
            if (c is >= 'A' and <= 'Z' || !StructuredFields.StructuredFieldReaderAccess.IsTChar(c))
            {
                throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A field name in a component identifier must be a lowercase token.");
            }
        }

        var lines = source.GetFieldValues(name, tr);
        if (lines is null)
        {
            throw new HttpSignatureException(HttpSignatureError.ComponentMissing, "A covered field is absent from the message.");
        }

        if (bs)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }

                // Field bytes as received: .NET surfaces non-ASCII octets as Latin-1 characters.
                sb.Append(':').Append(Convert.ToBase64String(Encoding.Latin1.GetBytes(TrimOws(lines[i])))).Append(':');
            }

            return;
        }

        var combined = Combine(lines);
        if (key is not null)
        {
            var dictionary = ParseStrict(() => StructuredFieldParser.ParseDictionary(combined));
            if (!dictionary.TryGetValue(key, out var member))
            {
                throw new HttpSignatureException(HttpSignatureError.ComponentMissing, "A dictionary key named by ;key is absent.");
            }

            StructuredFieldSerializer.AppendMember(sb, member);
            return;
        }

        if (sf)
        {
            switch (StructuredFieldTypes.Of(name))
            {
                case StructuredFieldTypes.Kind.Dictionary:
                    sb.Append(StructuredFieldSerializer.SerializeDictionary(ParseStrict(() => StructuredFieldParser.ParseDictionary(combined))));
                    break;
                case StructuredFieldTypes.Kind.List:
                    sb.Append(StructuredFieldSerializer.SerializeList(ParseStrict(() => StructuredFieldParser.ParseList(combined))));
                    break;
                case StructuredFieldTypes.Kind.Item:
                    sb.Append(StructuredFieldSerializer.SerializeMember(ParseStrict(() => StructuredFieldParser.ParseItem(combined))));
                    break;
                default:
                    throw new HttpSignatureException(HttpSignatureError.InvalidComponent, ";sf names a field whose structured type is unknown.");
            }

            return;
        }

        sb.Append(combined);
    }

    private static void AppendDerived(StringBuilder sb, HttpSignatureMessage message, string name, string? queryName, bool req)
    {
        if (name == "@status")
        {
            if (req || message.StatusCode is not { } status)
            {
                throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "@status is only valid on a response.");
            }

            sb.Append(status.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (message.StatusCode is not null)
        {
            throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "A request-derived component on a response needs ;req.");
        }

        switch (name)
        {
            case "@method":
                sb.Append(Require(message.Method));
                break;
            case "@scheme":
                sb.Append(Require(message.Scheme).ToLowerInvariant());
                break;
            case "@authority":
                sb.Append(NormalizeAuthority(Require(message.Scheme), Require(message.Authority)));
                break;
            case "@request-target":
                sb.Append(Require(message.RequestTarget));
                break;
            case "@target-uri":
                {
                    var (path, query) = SplitTarget(Require(message.RequestTarget));
                    sb.Append(Require(message.Scheme).ToLowerInvariant()).Append("://").Append(NormalizeAuthority(Require(message.Scheme), Require(message.Authority)))
                        .Append(path);
                    if (query is not null)
                    {
                        sb.Append('?').Append(query);
                    }

                    break;
                }

            case "@path":
                sb.Append(SplitTarget(Require(message.RequestTarget)).Path);
                break;
            case "@query":
                sb.Append('?').Append(SplitTarget(Require(message.RequestTarget)).Query);
                break;
            case "@query-param":
                if (queryName is null)
                {
                    throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "@query-param needs a name parameter.");
                }

                sb.Append(QueryParameters.GetEncodedValue(SplitTarget(Require(message.RequestTarget)).Query, queryName));
                break;
            default:
                throw new HttpSignatureException(HttpSignatureError.InvalidComponent, "Unknown derived component.");
        }
    }

    /// <summary>Splits a raw request target into path and query without decoding; absolute-form drops scheme and authority.</summary>
    internal static (string Path, string? Query) SplitTarget(string target)
    {
        var span = target;
        var schemeEnd = span.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && span[0] != '/')
        {
            var pathStart = span.IndexOfAny(['/', '?'], schemeEnd + 3);
            span = pathStart < 0 ? string.Empty : span[pathStart..];
        }

        var q = span.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? span : span[..q];
        var query = q < 0 ? null : span[(q + 1)..];
        return (path.Length == 0 ? "/" : path, query);
    }

    internal static string NormalizeAuthority(string scheme, string authority)
    {
        var lower = authority.ToLowerInvariant();
        if ((scheme.Equals("https", StringComparison.OrdinalIgnoreCase) && lower.EndsWith(":443", StringComparison.Ordinal))
            || (scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && lower.EndsWith(":80", StringComparison.Ordinal)))
        {
            return lower[..lower.LastIndexOf(':')];
        }

        return lower;
    }

    private static string Combine(IReadOnlyList<string> lines)
    {
        if (lines.Count == 1)
        {
            return TrimOws(lines[0]);
        }

        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(TrimOws(lines[i]));
        }

        return sb.ToString();
    }

    private static string TrimOws(string value) => value.Trim([' ', '\t']);

    private static string Require(string? value) =>
        value ?? throw new HttpSignatureException(HttpSignatureError.ComponentMissing, "The message lacks the control data a derived component needs.");

    private static T ParseStrict<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (StructuredFieldException ex)
        {
            throw new HttpSignatureException("A field covered with ;sf or ;key is not a valid structured field.", ex);
        }
    }
}
