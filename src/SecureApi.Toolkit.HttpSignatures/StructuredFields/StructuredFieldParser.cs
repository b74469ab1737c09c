namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>
/// A strict RFC 8941 parser. Any deviation from the grammar fails with a typed <see cref="StructuredFieldException"/>;
/// nothing is repaired. Beyond the RFC it refuses duplicate keys and bounds the input size and member counts, so a
/// hostile field costs linear time and bounded memory.
/// </summary>
public static class StructuredFieldParser
{
    /// <summary>The longest field value accepted by default, in characters.</summary>
    public const int DefaultMaxLength = 16 * 1024;

    /// <summary>The most members a list, dictionary or inner list may hold, and the most parameters per item.</summary>
    public const int MaxMembers = 256;

    /// <summary>Parses a list (RFC 8941 §4.2.1).</summary>
    /// <param name="input">The field value (several field lines joined with <c>", "</c>).</param>
    /// <param name="maxLength">The longest input accepted.</param>
    /// <returns>The members in order.</returns>
    /// <exception cref="StructuredFieldException">The input is not a valid list.</exception>
    public static IReadOnlyList<SfMember> ParseList(string input, int maxLength = DefaultMaxLength)
    {
        var reader = Start(input, maxLength);
        var members = new List<SfMember>();
        if (reader.AtEnd)
        {
            return members;
        }

        while (true)
        {
            if (members.Count == MaxMembers)
            {
                throw reader.Fail(StructuredFieldError.TooManyMembers);
            }

            members.Add(reader.ParseItemOrInnerList());
            if (!reader.AfterMember())
            {
                return members;
            }
        }
    }

    /// <summary>Parses a dictionary (RFC 8941 §4.2.2).</summary>
    /// <param name="input">The field value (several field lines joined with <c>", "</c>).</param>
    /// <param name="maxLength">The longest input accepted.</param>
    /// <returns>The members in order.</returns>
    /// <exception cref="StructuredFieldException">The input is not a valid dictionary.</exception>
    public static SfDictionary ParseDictionary(string input, int maxLength = DefaultMaxLength)
    {
        var reader = Start(input, maxLength);
        var entries = new List<KeyValuePair<string, SfMember>>();
        if (!reader.AtEnd)
        {
            while (true)
            {
                if (entries.Count == MaxMembers)
                {
                    throw reader.Fail(StructuredFieldError.TooManyMembers);
                }

                var keyStart = reader.Position;
                var key = reader.ParseKey();
                foreach (var existing in entries)
                {
                    if (string.Equals(existing.Key, key, StringComparison.Ordinal))
                    {
                        throw new StructuredFieldException(StructuredFieldError.DuplicateKey, keyStart);
                    }
                }

                SfMember member;
                if (reader.TryConsume('='))
                {
                    member = reader.ParseItemOrInnerList();
                }
                else
                {
                    member = new SfItem(true, reader.ParseParameters());
                }

                entries.Add(new(key, member));
                if (!reader.AfterMember())
                {
                    break;
                }
            }
        }

        return new SfDictionary(entries);
    }

    /// <summary>Parses an item (RFC 8941 §4.2.3).</summary>
    /// <param name="input">The field value.</param>
    /// <param name="maxLength">The longest input accepted.</param>
    /// <returns>The item.</returns>
    /// <exception cref="StructuredFieldException">The input is not a valid item.</exception>
    public static SfItem ParseItem(string input, int maxLength = DefaultMaxLength)
    {
        var reader = Start(input, maxLength);
        if (reader.AtEnd)
        {
            throw reader.Fail(StructuredFieldError.Empty);
        }

        var item = reader.ParseItem();
        reader.SkipSpaces();
        if (!reader.AtEnd)
        {
            throw reader.Fail(StructuredFieldError.TrailingCharacters);
        }

        return item;
    }

    private static StructuredFieldReader Start(string input, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        if (input.Length > maxLength)
        {
            throw new StructuredFieldException(StructuredFieldError.TooLong, maxLength);
        }

        // Reject anything outside visible ASCII plus SP/HTAB up front, so no later step has to think about it.
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c > 0x7E)
            {
                throw new StructuredFieldException(StructuredFieldError.NonAscii, i);
            }

            if (c < 0x20 && c != '\t')
            {
                throw new StructuredFieldException(StructuredFieldError.InvalidCharacter, i);
            }
        }

        var reader = new StructuredFieldReader(input);
        reader.SkipSpaces();
        return reader;
    }
}
