using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures.Tests.StructuredFields;

public class StructuredFieldParserTests
{
    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-42", -42L)]
    [InlineData("0", 0L)]
    [InlineData("999999999999999", 999_999_999_999_999L)]
    [InlineData("-999999999999999", -999_999_999_999_999L)]
    [InlineData("  7  ", 7L)]
    public void ParseItem_Integer_ReturnsLong(string input, long expected)
    {
        Assert.Equal(expected, StructuredFieldParser.ParseItem(input).Value);
    }

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("123456789012.123", "123456789012.123")]
    public void ParseItem_Decimal_ReturnsDecimal(string input, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), StructuredFieldParser.ParseItem(input).Value);
    }

    [Fact]
    public void ParseItem_StringWithEscapes_Unescapes()
    {
        Assert.Equal("a\"b\\c", StructuredFieldParser.ParseItem("\"a\\\"b\\\\c\"").Value);
    }

    [Fact]
    public void ParseItem_Token_ReturnsToken()
    {
        Assert.Equal(new SfToken("foo/bar:baz*1"), StructuredFieldParser.ParseItem("foo/bar:baz*1").Value);
    }

    [Fact]
    public void ParseItem_ByteSequence_ReturnsBytes()
    {
        Assert.Equal("hello"u8.ToArray(), (byte[])StructuredFieldParser.ParseItem(":aGVsbG8=:").Value);
    }

    [Fact]
    public void ParseItem_ByteSequenceWithoutPadding_IsAccepted()
    {
        Assert.Equal("hello"u8.ToArray(), (byte[])StructuredFieldParser.ParseItem(":aGVsbG8:").Value);
    }

    [Theory]
    [InlineData("?1", true)]
    [InlineData("?0", false)]
    public void ParseItem_Boolean_ReturnsBool(string input, bool expected)
    {
        Assert.Equal(expected, StructuredFieldParser.ParseItem(input).Value);
    }

    [Fact]
    public void ParseItem_Parameters_KeepOrderAndDefaultTrue()
    {
        var item = StructuredFieldParser.ParseItem("text/html;q=1.0;charset=\"utf-8\";x");
        Assert.Equal(["q", "charset", "x"], item.Parameters.Select(p => p.Key));
        Assert.Equal(true, item.Parameters[2].Value);
        Assert.Equal(1.0m, item.Parameters[0].Value);
    }

    [Fact]
    public void ParseList_MixedMembers_ParsesInnerLists()
    {
        var list = StructuredFieldParser.ParseList("(\"foo\" \"bar\");lvl=5, (\"baz\"), (), tok;a=?0");
        Assert.Equal(4, list.Count);
        var inner = Assert.IsType<SfInnerList>(list[0]);
        Assert.Equal(["foo", "bar"], inner.Items.Select(i => (string)i.Value));
        Assert.Equal(5L, inner.Parameters[0].Value);
        Assert.Empty(Assert.IsType<SfInnerList>(list[2]).Items);
        Assert.Equal(new SfToken("tok"), Assert.IsType<SfItem>(list[3]).Value);
    }

    [Fact]
    public void ParseList_Empty_ReturnsNoMembers()
    {
        Assert.Empty(StructuredFieldParser.ParseList(""));
    }

    [Fact]
    public void ParseDictionary_RfcExample_Parses()
    {
        var dict = StructuredFieldParser.ParseDictionary("en=\"Applepie\", da=:w4ZibGV0w6ZydGU=:, flag, b=?0;x=1");
        Assert.Equal(["en", "da", "flag", "b"], dict.Select(e => e.Key));
        Assert.True(dict.TryGetValue("flag", out var flag));
        Assert.Equal(true, ((SfItem)flag).Value);
        Assert.True(dict.TryGetValue("b", out var b));
        Assert.Equal(1L, b.Parameters[0].Value);
    }

    [Fact]
    public void ParseDictionary_TabAroundComma_IsOws()
    {
        Assert.Equal(2, StructuredFieldParser.ParseDictionary("a=1\t,\tb=2").Count);
    }

    [Theory]
    [InlineData("\"unterminated", StructuredFieldError.Truncated)]
    [InlineData(":aGVsbG8=", StructuredFieldError.Truncated)]
    [InlineData("\"ends with escape\\", StructuredFieldError.Truncated)]
    [InlineData("?", StructuredFieldError.Truncated)]
    [InlineData("-", StructuredFieldError.Truncated)]
    [InlineData("1.", StructuredFieldError.Truncated)]
    [InlineData("a;", StructuredFieldError.Truncated)]
    [InlineData("", StructuredFieldError.Empty)]
    [InlineData("1 2", StructuredFieldError.TrailingCharacters)]
    [InlineData("?2", StructuredFieldError.InvalidCharacter)]
    [InlineData("\"bad \\n escape\"", StructuredFieldError.InvalidCharacter)]
    [InlineData("a;A=1", StructuredFieldError.InvalidCharacter)]
    [InlineData("@x", StructuredFieldError.InvalidCharacter)]
    [InlineData("1234567890123456", StructuredFieldError.NumberOutOfRange)]
    [InlineData("1234567890123.1", StructuredFieldError.NumberOutOfRange)]
    [InlineData("1.1234", StructuredFieldError.NumberOutOfRange)]
    [InlineData(":a*b=:", StructuredFieldError.InvalidBase64)]
    [InlineData(":aGVsb=G8=:", StructuredFieldError.InvalidBase64)]
    [InlineData("a;x=1;x=2", StructuredFieldError.DuplicateKey)]
    [InlineData("caf\u00e9", StructuredFieldError.NonAscii)]
    [InlineData("\"caf\u00e9\"", StructuredFieldError.NonAscii)]
    [InlineData("a\u0000", StructuredFieldError.InvalidCharacter)]
    public void ParseItem_HostileInput_FailsWithTypedError(string input, StructuredFieldError expected)
    {
        var ex = Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseItem(input));
        Assert.Equal(expected, ex.Error);
        if (input.Trim().Length > 0)
        {
            Assert.DoesNotContain(input.Trim(), ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("a=1, a=2", StructuredFieldError.DuplicateKey)]
    [InlineData("a=1,", StructuredFieldError.TrailingCharacters)]
    [InlineData("a=1 b=2", StructuredFieldError.TrailingCharacters)]
    [InlineData("A=1", StructuredFieldError.InvalidCharacter)]
    [InlineData("a=(1 2", StructuredFieldError.Truncated)]
    [InlineData("a=(\"x\" \"y\"", StructuredFieldError.Truncated)]
    [InlineData("a=((1))", StructuredFieldError.InvalidCharacter)]
    [InlineData("a=(1,2)", StructuredFieldError.InvalidCharacter)]
    [InlineData("a=1;p=1;p=2", StructuredFieldError.DuplicateKey)]
    [InlineData("sig1=\u2603", StructuredFieldError.NonAscii)]
    public void ParseDictionary_HostileInput_FailsWithTypedError(string input, StructuredFieldError expected)
    {
        var ex = Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseDictionary(input));
        Assert.Equal(expected, ex.Error);
    }

    [Fact]
    public void ParseList_DeepNesting_FailsAtSecondLevel()
    {
        var input = new string('(', 5_000) + new string(')', 5_000);
        var ex = Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseList(input));
        Assert.Equal(StructuredFieldError.InvalidCharacter, ex.Error);
        Assert.Equal(1, ex.Position);
    }

    [Fact]
    public void ParseDictionary_Oversized_FailsTooLong()
    {
        var input = "a=\"" + new string('x', StructuredFieldParser.DefaultMaxLength) + "\"";
        var ex = Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseDictionary(input));
        Assert.Equal(StructuredFieldError.TooLong, ex.Error);
    }

    [Fact]
    public void ParseList_TooManyMembers_Fails()
    {
        var input = string.Join(", ", Enumerable.Repeat("1", StructuredFieldParser.MaxMembers + 1));
        var ex = Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseList(input));
        Assert.Equal(StructuredFieldError.TooManyMembers, ex.Error);
    }

    [Fact]
    public void ParseItem_TooManyParameters_Fails()
    {
        var input = "a" + string.Concat(Enumerable.Range(0, StructuredFieldParser.MaxMembers + 1).Select(i => $";k{i}"));
        var ex = Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseItem(input));
        Assert.Equal(StructuredFieldError.TooManyMembers, ex.Error);
    }

    [Fact]
    public void ParseList_MaxMembers_IsAccepted()
    {
        var input = string.Join(", ", Enumerable.Repeat("1", StructuredFieldParser.MaxMembers));
        Assert.Equal(StructuredFieldParser.MaxMembers, StructuredFieldParser.ParseList(input).Count);
    }

    [Fact]
    public void ParseDictionary_SignatureInputFromRfc_KeepsComponentsAndParameters()
    {
        var dict = StructuredFieldParser.ParseDictionary("sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"");
        var list = Assert.IsType<SfInnerList>(dict[0].Value);
        Assert.Equal("sig-b22", dict[0].Key);
        Assert.Equal("Pet", list.Items[2].Parameters[0].Value);
        Assert.Equal(1618884473L, list.Parameters[0].Value);
    }
}
