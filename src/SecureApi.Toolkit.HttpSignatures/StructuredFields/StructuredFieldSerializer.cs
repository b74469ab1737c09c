using System.Globalization;
using System.Text;

namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>
/// The RFC 8941 §4.1 serializer. It produces the canonical form (the one the signature base uses) and refuses values
/// the grammar cannot carry instead of escaping or clamping them.
/// </summary>
public static class StructuredFieldSerializer
{
    /// <summary>Serializes a list.</summary>
    /// <param name="members">The members in order.</param>
    /// <returns>The field value.</returns>
    /// <exception cref="StructuredFieldException">A member cannot be serialized.</exception>
    public static string SerializeList(IEnumerable<SfMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var sb = new StringBuilder();
        foreach (var member in members)
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            AppendMember(sb, member);
        }

        return sb.ToString();
    }

    /// <summary>Serializes a dictionary.</summary>
    /// <param name="dictionary">The members in order.</param>
    /// <returns>The field value.</returns>
    /// <exception cref="StructuredFieldException">A key or member cannot be serialized.</exception>
    public static string SerializeDictionary(IEnumerable<KeyValuePair<string, SfMember>> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        var sb = new StringBuilder();
        var first = true;
        foreach (var (key, member) in dictionary)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            AppendDictionaryMember(sb, key, member);
        }

        return sb.ToString();
    }

    /// <summary>Serializes one member (item or inner list) with its parameters.</summary>
    /// <param name="member">The member.</param>
    /// <returns>The serialized member.</returns>
    /// <exception cref="StructuredFieldException">The member cannot be serialized.</exception>
    public static string SerializeMember(SfMember member)
    {
        var sb = new StringBuilder();
        AppendMember(sb, member);
        return sb.ToString();
    }

    internal static void AppendDictionaryMember(StringBuilder sb, string key, SfMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        AppendKey(sb, key);

        // A true boolean item is written as the bare key (RFC 8941 §4.1.2).
        if (member is SfItem { Value: true } trueItem)
        {
            AppendParameters(sb, trueItem.Parameters);
            return;
        }

        sb.Append('=');
        AppendMember(sb, member);
    }

    internal static void AppendMember(StringBuilder sb, SfMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member is SfInnerList list)
        {
            AppendInnerList(sb, list);
        }
        else
        {
            var item = (SfItem)member;
            AppendBareItem(sb, item.Value);
            AppendParameters(sb, item.Parameters);
        }
    }

    internal static void AppendInnerList(StringBuilder sb, SfInnerList list)
    {
        sb.Append('(');
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            var item = list.Items[i];
            AppendBareItem(sb, item.Value);
            AppendParameters(sb, item.Parameters);
        }

        sb.Append(')');
        AppendParameters(sb, list.Parameters);
    }

    internal static void AppendParameters(StringBuilder sb, SfParameters parameters)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var (key, value) = parameters[i];
            sb.Append(';');
            AppendKey(sb, key);
            if (value is not true)
            {
                sb.Append('=');
                AppendBareItem(sb, value);
            }
        }
    }

    internal static void AppendKey(StringBuilder sb, string key)
    {
        if (string.IsNullOrEmpty(key) || !(key[0] is >= 'a' and <= 'z' || key[0] == '*'))
        {
            throw new StructuredFieldException(StructuredFieldError.Unserializable, -1);
        }

        foreach (var c in key)
        {
            if (!StructuredFieldReader.IsKeyChar(c))
            {
                throw new StructuredFieldException(StructuredFieldError.Unserializable, -1);
            }
        }

        sb.Append(key);
    }

    internal static void AppendBareItem(StringBuilder sb, object value)
    {
        switch (value)
        {
            case long integer:
                if (integer is > 999_999_999_999_999 or < -999_999_999_999_999)
                {
                    throw new StructuredFieldException(StructuredFieldError.NumberOutOfRange, -1);
                }

                sb.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case decimal dec:
                AppendDecimal(sb, dec);
                break;
            case string text:
                AppendString(sb, text);
                break;
            case SfToken token:
                AppendToken(sb, token.Value);
                break;
            case byte[] bytes:
                sb.Append(':').Append(Convert.ToBase64String(bytes)).Append(':');
                break;
            case bool boolean:
                sb.Append(boolean ? "?1" : "?0");
                break;
            default:
                throw new StructuredFieldException(StructuredFieldError.Unserializable, -1);
        }
    }

    private static void AppendDecimal(StringBuilder sb, decimal value)
    {
        // Round half to even to three fractional digits (RFC 8941 §4.1.5), then refuse more than 12 integer digits.
        var rounded = decimal.Round(value, 3, MidpointRounding.ToEven);
        if (decimal.Truncate(decimal.Abs(rounded)) > 999_999_999_999m)
        {
            throw new StructuredFieldException(StructuredFieldError.NumberOutOfRange, -1);
        }

        var text = rounded.ToString("0.0##", CultureInfo.InvariantCulture);
        sb.Append(text);
    }

    private static void AppendString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                throw new StructuredFieldException(StructuredFieldError.Unserializable, -1);
            }

            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }

    private static void AppendToken(StringBuilder sb, string token)
    {
        if (string.IsNullOrEmpty(token) || !(token[0] is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '*'))
        {
            throw new StructuredFieldException(StructuredFieldError.Unserializable, -1);
        }

        foreach (var c in token)
        {
            if (!(StructuredFieldReader.IsTChar(c) || c is ':' or '/'))
            {
                throw new StructuredFieldException(StructuredFieldError.Unserializable, -1);
            }
        }

        sb.Append(token);
    }
}
