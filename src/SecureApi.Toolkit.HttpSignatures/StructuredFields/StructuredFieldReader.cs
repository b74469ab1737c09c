using System.Globalization;

namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>The RFC 8941 §4.2 algorithms over one input; a mutable cursor, used once.</summary>
internal sealed class StructuredFieldReader(string input)
{
    private int _pos;

    public int Position => _pos;

    public bool AtEnd => _pos >= input.Length;

    public StructuredFieldException Fail(StructuredFieldError error) => new(error, _pos);

    public void SkipSpaces()
    {
        while (_pos < input.Length && input[_pos] == ' ')
        {
            _pos++;
        }
    }

    public bool TryConsume(char c)
    {
        if (_pos < input.Length && input[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    /// <summary>After a list or dictionary member: OWS, then end or a comma followed by another member.</summary>
    public bool AfterMember()
    {
        SkipOws();
        if (AtEnd)
        {
            return false;
        }

        if (!TryConsume(','))
        {
            throw Fail(StructuredFieldError.TrailingCharacters);
        }

        SkipOws();
        if (AtEnd)
        {
            throw Fail(StructuredFieldError.TrailingCharacters);
        }

        return true;
    }

    public SfMember ParseItemOrInnerList() =>
        Peek() == '(' ? ParseInnerList() : ParseItem();

    public SfItem ParseItem()
    {
        var value = ParseBareItem();
        return new SfItem(value, ParseParameters());
    }

    public SfParameters ParseParameters()
    {
        List<KeyValuePair<string, object>>? entries = null;
        while (_pos < input.Length && input[_pos] == ';')
        {
            _pos++;
            SkipSpaces();
            var keyStart = _pos;
            var key = ParseKey();
            object value = true;
            if (TryConsume('='))
            {
                value = ParseBareItem();
            }

            entries ??= [];
            foreach (var existing in entries)
            {
                if (string.Equals(existing.Key, key, StringComparison.Ordinal))
                {
                    throw new StructuredFieldException(StructuredFieldError.DuplicateKey, keyStart);
                }
            }

            if (entries.Count == StructuredFieldParser.MaxMembers)
            {
                throw Fail(StructuredFieldError.TooManyMembers);
            }

            entries.Add(new(key, value));
        }

        return entries is null ? SfParameters.Empty : SfParameters.FromTrusted([.. entries]);
    }

    public string ParseKey()
    {
        var start = _pos;
        if (AtEnd)
        {
            throw Fail(StructuredFieldError.Truncated);
        }

        var first = input[_pos];
        if (!(first is >= 'a' and <= 'z' || first == '*'))
        {
            throw Fail(StructuredFieldError.InvalidCharacter);
        }

        _pos++;
        while (_pos < input.Length && IsKeyChar(input[_pos]))
        {
            _pos++;
        }

        return input.Substring(start, _pos - start);
    }

    internal static bool IsKeyChar(char c) =>
        c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-' or '.' or '*';

    internal static bool IsTChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private char Peek() => AtEnd ? throw Fail(StructuredFieldError.Truncated) : input[_pos];

    private void SkipOws()
    {
        while (_pos < input.Length && input[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private SfInnerList ParseInnerList()
    {
        _pos++; // '('
        var items = new List<SfItem>();
        while (true)
        {
            SkipSpaces();
            if (AtEnd)
            {
                throw Fail(StructuredFieldError.Truncated);
            }

            if (input[_pos] == ')')
            {
                _pos++;
                return new SfInnerList(items, ParseParameters());
            }

            if (items.Count == StructuredFieldParser.MaxMembers)
            {
                throw Fail(StructuredFieldError.TooManyMembers);
            }

            // An inner list holds items only: "((" is rejected here as an invalid bare item, so nesting depth is one.
            items.Add(ParseItem());
            if (AtEnd)
            {
                throw Fail(StructuredFieldError.Truncated);
            }

            if (input[_pos] is not ' ' and not ')')
            {
                throw Fail(StructuredFieldError.InvalidCharacter);
            }
        }
    }

    private object ParseBareItem()
    {
        var c = Peek();
        return c switch
        {
            '-' or (>= '0' and <= '9') => ParseNumber(),
            '"' => ParseString(),
            '*' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') => ParseToken(),
            ':' => ParseByteSequence(),
            '?' => ParseBoolean(),
            _ => throw Fail(StructuredFieldError.InvalidCharacter),
        };
    }

    private object ParseNumber()
    {
        var start = _pos;
        var negative = TryConsume('-');
        if (AtEnd)
        {
            throw Fail(StructuredFieldError.Truncated);
        }

        if (input[_pos] is < '0' or > '9')
        {
            throw Fail(StructuredFieldError.InvalidCharacter);
        }

        var digitsStart = _pos;
        var dot = -1;
        while (_pos < input.Length)
        {
            var c = input[_pos];
            if (c is >= '0' and <= '9')
            {
                _pos++;
            }
            else if (c == '.' && dot < 0)
            {
                if (_pos - digitsStart > 12)
                {
                    throw new StructuredFieldException(StructuredFieldError.NumberOutOfRange, start);
                }

                dot = _pos;
                _pos++;
            }
            else
            {
                break;
            }

            if (dot < 0 && _pos - digitsStart > 15)
            {
                throw new StructuredFieldException(StructuredFieldError.NumberOutOfRange, start);
            }

            if (dot >= 0 && _pos - digitsStart > 16)
            {
                throw new StructuredFieldException(StructuredFieldError.NumberOutOfRange, start);
            }
        }

        var text = input.AsSpan(start, _pos - start);
        if (dot < 0)
        {
            return long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        var fraction = _pos - dot - 1;
        if (fraction == 0)
        {
            throw Fail(StructuredFieldError.Truncated);
        }

        if (fraction > 3)
        {
            throw new StructuredFieldException(StructuredFieldError.NumberOutOfRange, start);
        }

        _ = negative;
        return decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    private string ParseString()
    {
        var start = _pos;
        _pos++; // '"'
        System.Text.StringBuilder? escaped = null;
        var runStart = _pos;
        while (true)
        {
            if (AtEnd)
            {
                throw new StructuredFieldException(StructuredFieldError.Truncated, start);
            }

            var c = input[_pos];
            if (c == '\\')
            {
                escaped ??= new System.Text.StringBuilder();
                escaped.Append(input, runStart, _pos - runStart);
                _pos++;
                if (AtEnd)
                {
                    throw new StructuredFieldException(StructuredFieldError.Truncated, start);
                }

                var next = input[_pos];
                if (next is not '"' and not '\\')
                {
                    throw Fail(StructuredFieldError.InvalidCharacter);
                }

                escaped.Append(next);
                _pos++;
                runStart = _pos;
            }
            else if (c == '"')
            {
                var tail = input.AsSpan(runStart, _pos - runStart);
                _pos++;
                return escaped is null ? tail.ToString() : escaped.Append(tail).ToString();
            }
            else if (c is < ' ' or > '~')
            {
                throw Fail(StructuredFieldError.InvalidCharacter);
            }
            else
            {
                _pos++;
            }
        }
    }

    private SfToken ParseToken()
    {
        var start = _pos;
        _pos++;
        while (_pos < input.Length && (IsTChar(input[_pos]) || input[_pos] is ':' or '/'))
        {
            _pos++;
        }

        return new SfToken(input.Substring(start, _pos - start));
    }

    private byte[] ParseByteSequence()
    {
        var start = _pos;
        _pos++; // ':'
        var end = input.IndexOf(':', _pos);
        if (end < 0)
        {
            throw new StructuredFieldException(StructuredFieldError.Truncated, start);
        }

        var text = input.AsSpan(_pos, end - _pos);
        foreach (var c in text)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/' or '='))
            {
                throw Fail(StructuredFieldError.InvalidBase64);
            }
        }

        _pos = end + 1;
        var decoded = DecodeBase64(text);
        return decoded ?? throw new StructuredFieldException(StructuredFieldError.InvalidBase64, start);
    }

    private static byte[]? DecodeBase64(ReadOnlySpan<char> text)
    {
        // RFC 8941 §4.2.7: parsers SHOULD NOT fail when '=' padding is absent, so pad before decoding.
        var padded = text.Length % 4 == 0 ? text : string.Concat(text, new string('=', 4 - (text.Length % 4))).AsSpan();
        var padding = padded.Length == 0 ? 0 : padded[^1] == '=' ? (padded.Length > 1 && padded[^2] == '=' ? 2 : 1) : 0;
        var buffer = new byte[Math.Max(0, (padded.Length / 4 * 3) - padding)];
        return Convert.TryFromBase64Chars(padded, buffer, out var written) && written == buffer.Length ? buffer : null;
    }

    private bool ParseBoolean()
    {
        _pos++; // '?'
        if (AtEnd)
        {
            throw Fail(StructuredFieldError.Truncated);
        }

        var c = input[_pos];
        _pos++;
        return c switch
        {
            '1' => true,
            '0' => false,
            _ => throw new StructuredFieldException(StructuredFieldError.InvalidCharacter, _pos - 1),
        };
    }
}
