using SecureApi.Toolkit.FieldFiltering.Http;

namespace SecureApi.Toolkit.FieldFiltering.Tests.Http;

public class FieldFilteringOutputCachePolicyTests
{
    [Fact]
    public void Fingerprint_SameSetInAnyOrder_IsEqual()
    {
        Assert.Equal(
            FieldFilteringOutputCachePolicy.Fingerprint(new HashSet<string> { "a", "b" }),
            FieldFilteringOutputCachePolicy.Fingerprint(new HashSet<string> { "b", "a" }));
    }

    [Fact]
    public void Fingerprint_DifferentSets_Differ()
    {
        var empty = FieldFilteringOutputCachePolicy.Fingerprint(new HashSet<string>());
        var one = FieldFilteringOutputCachePolicy.Fingerprint(new HashSet<string> { "a" });
        var joined = FieldFilteringOutputCachePolicy.Fingerprint(new HashSet<string> { "a b" });
        var split = FieldFilteringOutputCachePolicy.Fingerprint(new HashSet<string> { "a", "b" });

        Assert.NotEqual(empty, one);
        Assert.NotEqual(joined, split);
    }
}
