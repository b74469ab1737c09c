using FsCheck;
using FsCheck.Fluent;
using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures.Tests.StructuredFields;

public class StructuredFieldSerializerTests
{
    [Theory]
    [InlineData("sig1=(\"@method\" \"@authority\");created=1618884473;keyid=\"k\", sig2=:AAEC:")]
    [InlineData("a, b=?0, c=1.5;x, d=tok/x, e=-3")]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:")]
    public void SerializeDictionary_CanonicalInput_RoundTripsExactly(string input)
    {
        Assert.Equal(input, StructuredFieldSerializer.SerializeDictionary(StructuredFieldParser.ParseDictionary(input)));
    }

    [Fact]
    public void SerializeDictionary_NonCanonicalInput_IsNormalized()
    {
        var dict = StructuredFieldParser.ParseDictionary("a=1 ,\tb=?1;p=?1 ,c=( 1  2 )");
        Assert.Equal("a=1, b;p, c=(1 2)", StructuredFieldSerializer.SerializeDictionary(dict));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(1.0005, "1.0")]
    [InlineData(1.0015, "1.002")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(123.456, "123.456")]
    public void SerializeMember_Decimal_RoundsHalfEvenToThreeDigits(double value, string expected)
    {
        Assert.Equal(expected, StructuredFieldSerializer.SerializeMember(new SfItem((decimal)value)));
    }

    [Fact]
    public void SerializeMember_DecimalWithThirteenIntegerDigits_Fails()
    {
        var ex = Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeMember(new SfItem(1_000_000_000_000m)));
        Assert.Equal(StructuredFieldError.NumberOutOfRange, ex.Error);
    }

    [Fact]
    public void SerializeMember_IntegerOutOfRange_Fails()
    {
        var ex = Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeMember(new SfItem(1_000_000_000_000_000L)));
        Assert.Equal(StructuredFieldError.NumberOutOfRange, ex.Error);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("caf\u00e9")]
    public void SerializeMember_StringWithUnrepresentableCharacter_Fails(string value)
    {
        var ex = Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeMember(new SfItem(value)));
        Assert.Equal(StructuredFieldError.Unserializable, ex.Error);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a b")]
    [InlineData("")]
    public void SerializeMember_InvalidToken_Fails(string token)
    {
        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeMember(new SfItem(new SfToken(token))));
    }

    [Fact]
    public void SerializeDictionary_InvalidKey_Fails()
    {
        var ex = Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeDictionary([new("Upper", new SfItem(1L))]));
        Assert.Equal(StructuredFieldError.Unserializable, ex.Error);
    }

    [Fact]
    public void SfItem_UnsupportedBareType_Fails()
    {
        Assert.Throws<StructuredFieldException>(() => new SfItem(3.5f));
    }

    [Fact]
    public void SfParameters_DuplicateKey_Fails()
    {
        var ex = Assert.Throws<StructuredFieldException>(() => new SfParameters([new("a", 1L), new("a", 2L)]));
        Assert.Equal(StructuredFieldError.DuplicateKey, ex.Error);
    }

    [Fact]
    public void SerializeList_EscapesQuotesAndBackslashes()
    {
        Assert.Equal("\"a\\\"b\\\\\"", StructuredFieldSerializer.SerializeList([new SfItem("a\"b\\")]));
    }

    // Property: any dictionary the serializer produces parses back to the same serialization (serialize ∘ parse ∘ serialize = serialize).
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property SerializeDictionary_GeneratedValues_RoundTrip()
    {
        return Prop.ForAll(Generators.Dictionary().ToArbitrary(), dict =>
        {
            var text = StructuredFieldSerializer.SerializeDictionary(dict);
            var reparsed = StructuredFieldParser.ParseDictionary(text);
            return StructuredFieldSerializer.SerializeDictionary(reparsed) == text;
        });
    }

    // Fuzz: random mutations of valid fields either parse or fail with StructuredFieldException, never anything else.
    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public Property ParseDictionary_MutatedInput_FailsOnlyWithTypedError()
    {
        var gen = from dict in Generators.Dictionary()
                  let text = StructuredFieldSerializer.SerializeDictionary(dict)
                  from pos in Gen.Choose(0, Math.Max(0, text.Length - 1))
                  from c in Gen.Elements("\"\\:;=,()?-. \t*9aZ\u00e9\u0001".ToCharArray())
                  from mode in Gen.Choose(0, 2)
                  select Mutate(text, pos, c, mode);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            try
            {
                var parsed = StructuredFieldParser.ParseDictionary(input);
                var again = StructuredFieldSerializer.SerializeDictionary(parsed);
                return StructuredFieldSerializer.SerializeDictionary(StructuredFieldParser.ParseDictionary(again)) == again;
            }
            catch (StructuredFieldException)
            {
                return true;
            }
        });
    }

    private static string Mutate(string text, int pos, char c, int mode)
    {
        if (text.Length == 0)
        {
            return c.ToString();
        }

        return mode switch
        {
            0 => text[..pos] + c + text[(pos + 1)..],
            1 => text[..pos] + c + text[pos..],
            _ => text[..pos],
        };
    }
}
