using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.FieldFiltering.Rules;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Rules;

public class FieldMaskerTests
{
    private static string Mask(string value, FieldPermissionAttribute declaration, Action<FieldFilteringOptions>? configure = null)
    {
        var options = new FieldFilteringOptions();
        configure?.Invoke(options);
        var masker = new FieldMasker(Options.Create(options));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            masker.WriteMasked(writer, value, new FieldRule("M", declaration));
        }

        return JsonSerializer.Deserialize<string>(Encoding.UTF8.GetString(stream.ToArray()))!;
    }

    private static FieldPermissionAttribute Declared(FieldMask mask, int keepLast = 4) => new("p") { Action = FieldAction.Mask, Mask = mask, KeepLast = keepLast };

    private static void WithKey(FieldFilteringOptions o, string id, byte fill)
    {
        o.PseudonymKeys[id] = Enumerable.Repeat(fill, 32).ToArray();
        o.CurrentPseudonymKeyId = id;
    }

    [Theory]
    [InlineData("4111222233334444", "****")]
    [InlineData("x", "****")]
    [InlineData("", "****")]
    public void WriteMasked_Fixed_IsAlwaysFourStars(string value, string expected)
    {
        Assert.Equal(expected, Mask(value, Declared(FieldMask.Fixed)));
    }

    [Theory]
    [InlineData("4111222233334444", 4, "****4444")]
    [InlineData("4111222233334444", 2, "****44")]
    [InlineData("1234", 4, "****")]
    [InlineData("123", 4, "****")]
    public void WriteMasked_KeepLast_KeepsOnlyTheTail(string value, int keep, string expected)
    {
        Assert.Equal(expected, Mask(value, Declared(FieldMask.KeepLast, keep)));
    }

    [Theory]
    [InlineData("jane.doe@example.com", "j***@example.com")]
    [InlineData("j@example.com", "j***@example.com")]
    [InlineData("@example.com", "****")]
    [InlineData("not-an-email", "****")]
    public void WriteMasked_Email_KeepsFirstLetterAndDomain(string value, string expected)
    {
        Assert.Equal(expected, Mask(value, Declared(FieldMask.Email)));
    }

    [Fact]
    public void WriteMasked_Pseudonym_IsStablePerKeyAndNamesTheKey()
    {
        var first = Mask("AB123456C", Declared(FieldMask.Pseudonym), o => WithKey(o, "2026-11", 7));
        var again = Mask("AB123456C", Declared(FieldMask.Pseudonym), o => WithKey(o, "2026-11", 7));
        var other = Mask("AB123456D", Declared(FieldMask.Pseudonym), o => WithKey(o, "2026-11", 7));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.StartsWith("2026-11:", first, StringComparison.Ordinal);
        Assert.Equal("2026-11:".Length + 22, first.Length);
        Assert.DoesNotContain("AB123456C", first, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteMasked_Pseudonym_RotatingTheKeyChangesThePseudonym()
    {
        var before = Mask("AB123456C", Declared(FieldMask.Pseudonym), o => WithKey(o, "k1", 7));
        var after = Mask("AB123456C", Declared(FieldMask.Pseudonym), o =>
        {
            WithKey(o, "k1", 7);
            WithKey(o, "k2", 9);
        });

        Assert.StartsWith("k2:", after, StringComparison.Ordinal);
        Assert.NotEqual(before[3..], after[3..]);
    }

    [Fact]
    public void WriteMasked_PseudonymWithoutKey_FallsBackToFixedMask()
    {
        Assert.Equal("****", Mask("AB123456C", Declared(FieldMask.Pseudonym)));
    }

    [Fact]
    public void WriteMasked_LongValues_UseThePoolAndStayCorrect()
    {
        var local = new string('a', 300);
        Assert.Equal("a***@example.com", Mask(local + "@example.com", Declared(FieldMask.Email)));
        Assert.StartsWith("k1:", Mask(new string('z', 1000), Declared(FieldMask.Pseudonym), o => WithKey(o, "k1", 1)), StringComparison.Ordinal);
    }
}
