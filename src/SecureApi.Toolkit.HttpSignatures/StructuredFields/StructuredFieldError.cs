namespace SecureApi.Toolkit.HttpSignatures.StructuredFields;

/// <summary>Why a structured field (RFC 8941) could not be parsed or serialized.</summary>
public enum StructuredFieldError
{
    /// <summary>The input ended in the middle of a value (for example an unterminated string or inner list).</summary>
    Truncated = 1,

    /// <summary>A character is not allowed at its position.</summary>
    InvalidCharacter = 2,

    /// <summary>The input contains a character outside printable US-ASCII.</summary>
    NonAscii = 3,

    /// <summary>The input is longer than the parser's limit.</summary>
    TooLong = 4,

    /// <summary>A list, dictionary, inner list or parameter set has more members than the parser's limit.</summary>
    TooManyMembers = 5,

    /// <summary>An integer or decimal has too many digits or is out of range.</summary>
    NumberOutOfRange = 6,

    /// <summary>A dictionary key or parameter key occurs twice. RFC 8941 keeps the last one; this parser refuses, because two readers that disagree on which one counts are a smuggling vector for signed metadata.</summary>
    DuplicateKey = 7,

    /// <summary>A byte sequence is not valid base64.</summary>
    InvalidBase64 = 8,

    /// <summary>Characters follow the end of the value, or a list or dictionary ends with a comma.</summary>
    TrailingCharacters = 9,

    /// <summary>The input is empty where a value is required (an item).</summary>
    Empty = 10,

    /// <summary>A value handed to the serializer cannot be represented (wrong type, invalid key, token or string character).</summary>
    Unserializable = 11,
}
