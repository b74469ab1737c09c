namespace SecureApi.Toolkit.HttpSignatures.Tests.Client;

public class HandlerSigningPlanTests
{
    [Fact]
    public void TryCreate_PlainNames_SerializesListAndTrailingParameters()
    {
        var plan = HandlerSigningPlan.TryCreate(["@method", "content-digest"], TestKeys.SharedSecret(), new HttpSignatureAlgorithmRegistry(), includeAlgorithm: true, tag: "t\"1");
        Assert.NotNull(plan);
        Assert.Equal("(\"@method\" \"content-digest\")", plan.ListText);
        Assert.Equal(";alg=\"hmac-sha256\";keyid=\"test-shared-secret\";tag=\"t\\\"1\"", plan.TrailingParameters);
    }

    [Theory]
    [InlineData("\"@query-param\";name=\"x\"")]
    [InlineData("a\"b")]
    [InlineData("")]
    [InlineData("caf\u00e9")]
    public void TryCreate_ComponentNeedingTheSigner_ReturnsNull(string component)
    {
        Assert.Null(HandlerSigningPlan.TryCreate(["@method", component], TestKeys.SharedSecret(), new HttpSignatureAlgorithmRegistry(), false, null));
    }

    [Fact]
    public void TryCreate_PublicKeyOnly_ReturnsNull()
    {
        Assert.Null(HandlerSigningPlan.TryCreate(["@method"], TestKeys.Ed25519Public(), new HttpSignatureAlgorithmRegistry(), false, null));
    }

    [Fact]
    public void Matches_AnyOptionChanged_False()
    {
        var key = TestKeys.SharedSecret();
        var plan = HandlerSigningPlan.TryCreate(["@method", "@path"], key, new HttpSignatureAlgorithmRegistry(), false, "t")!;
        Assert.True(plan.Matches(["@method", "@path"], key, false, "t"));
        Assert.False(plan.Matches(["@method", "@query"], key, false, "t"));
        Assert.False(plan.Matches(["@method"], key, false, "t"));
        Assert.False(plan.Matches(["@method", "@path"], TestKeys.SharedSecret(), false, "t"));
        Assert.False(plan.Matches(["@method", "@path"], key, true, "t"));
        Assert.False(plan.Matches(["@method", "@path"], key, false, null));
    }
}
