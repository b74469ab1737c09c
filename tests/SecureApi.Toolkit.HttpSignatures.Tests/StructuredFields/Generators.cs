using FsCheck;
using FsCheck.Fluent;
using SecureApi.Toolkit.HttpSignatures.StructuredFields;

namespace SecureApi.Toolkit.HttpSignatures.Tests.StructuredFields;

/// <summary>FsCheck generators for valid structured-field values.</summary>
internal static class Generators
{
    private const string KeyChars = "abcdefghijklmnopqrstuvwxyz0123456789_-.*";
    private const string TokenChars = "abcXYZ019!#$%&'*+-.^_`|~:/";

    public static Gen<string> Key() =>
        from first in Gen.Elements("abcxyz*".ToCharArray())
        from rest in Gen.ArrayOf(Gen.Elements(KeyChars.ToCharArray())).Select(a => a.Take(8))
        select first + string.Concat(rest);

    public static Gen<object> BareItem() => Gen.OneOf(
        Gen.Choose(-1_000_000, 1_000_000).Select(i => (object)(i * 999_999_999L)),
        Gen.Choose(-999_999, 999_999).Select(i => (object)(i / 1000m)),
        Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(i => (char)i)).Select(a => (object)new string(a)),
        from first in Gen.Elements("aZ*".ToCharArray())
        from rest in Gen.ArrayOf(Gen.Elements(TokenChars.ToCharArray()))
        select (object)new SfToken(first + new string(rest)),
        Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i)).Select(b => (object)b),
        Gen.Elements(true, false).Select(b => (object)b));

    public static Gen<SfParameters> Parameters() =>
        Gen.ListOf(Gen.Zip(Key(), BareItem()))
            .Select(pairs => new SfParameters(pairs.DistinctBy(p => p.Item1).Take(5).Select(p => new KeyValuePair<string, object>(p.Item1, p.Item2))));

    public static Gen<SfItem> Item() =>
        from v in BareItem()
        from p in Parameters()
        select new SfItem(v, p);

    public static Gen<SfMember> Member() => Gen.OneOf(
        Item().Select(i => (SfMember)i),
        from items in Gen.ListOf(Item())
        from p in Parameters()
        select (SfMember)new SfInnerList([.. items.Take(6)], p));

    public static Gen<SfDictionary> Dictionary() =>
        Gen.ListOf(Gen.Zip(Key(), Member()))
            .Select(pairs => new SfDictionary(pairs.DistinctBy(p => p.Item1).Take(8).Select(p => new KeyValuePair<string, SfMember>(p.Item1, p.Item2))));
}
