using SecureApi.Toolkit.Hashing.Engines;

namespace SecureApi.Toolkit.Hashing.Tests.Internal;

/// <summary>Stored hashes written by the Node.js <c>argon2</c> package, whose parameters come in the order m, p, t.</summary>
public class Argon2CredentialHasherNodeParameterOrderTests
{
    private static readonly CredentialVerification NodeOrderRehash =
        new(CredentialVerificationStatus.SuccessRehashNeeded, CredentialVerificationReason.NonCanonicalParameterOrder);

    private static readonly CredentialVerification MalformedHash =
        new(CredentialVerificationStatus.Malformed, CredentialVerificationReason.MalformedHash);

    [Theory]
    [InlineData(Argon2Vectors.NodeSmall)]
    [InlineData(Argon2Vectors.NodeDefault)]
    public async Task VerifyAsync_HashMadeByNodeArgon2_SucceedsAndAsksForRehashForTheParameterOrder(string phc)
    {
        var hasher = TestHashers.Create();

        Assert.Equal(NodeOrderRehash, await hasher.VerifyAsync(Argon2Vectors.NodePassword, phc));
    }

    [Fact]
    public async Task VerifyAsync_HashMadeByNodeArgon2BelowTheCurrentParameters_ReportsTheParameterOrder()
    {
        // m=256 is below this hasher's m=512 too; the format is named first, as the next login rewrites both.
        var hasher = TestHashers.Create(o => o.MemoryKiB = 512);

        Assert.Equal(NodeOrderRehash, await hasher.VerifyAsync(Argon2Vectors.NodePassword, Argon2Vectors.NodeSmall));
    }

    [Fact]
    public async Task VerifyAsync_HashMadeByNodeArgon2WithWrongPassword_FailsWithMismatch()
    {
        var hasher = TestHashers.Create();

        var result = await hasher.VerifyAsync("Correct horse battery staple", Argon2Vectors.NodeSmall);

        Assert.Equal(CredentialVerification.Mismatch, result);
    }

    [Fact]
    public async Task VerifyAsync_ReferenceVectorWithParametersInNodeOrder_SucceedsAndAsksForRehash()
    {
        // Row 1 of the reference test.c with its parameters reordered: the tag is the same, as m, t and p are.
        var row1 = Argon2Vectors.Row(1);
        var nodeOrder = row1.Phc.Replace("m=65536,t=2,p=1", "m=65536,p=1,t=2", StringComparison.Ordinal);
        Assert.NotEqual(row1.Phc, nodeOrder);
        var hasher = TestHashers.Create();

        Assert.Equal(NodeOrderRehash, await hasher.VerifyAsync(row1.Password, nodeOrder));
        Assert.Equal(CredentialVerification.Mismatch, await hasher.VerifyAsync("passwore", nodeOrder));
    }

    [Fact]
    public async Task VerifyAsync_OwnHashWithParametersInNodeOrder_SucceedsAndAsksForRehash()
    {
        var hasher = TestHashers.Create();
        var canonical = await hasher.HashAsync("s3cret");
        var nodeOrder = canonical.Replace("m=64,t=2,p=1", "m=64,p=1,t=2", StringComparison.Ordinal);
        Assert.NotEqual(canonical, nodeOrder);

        Assert.Equal(CredentialVerification.Success, await hasher.VerifyAsync("s3cret", canonical));
        Assert.Equal(NodeOrderRehash, await hasher.VerifyAsync("s3cret", nodeOrder));
    }

    [Theory]
    [InlineData(Argon2Vectors.NodeSmall)]
    [InlineData(Argon2Vectors.NodeDefault)]
    public async Task VerifyAsync_NodeOrderWithAcceptNodeParameterOrderOff_IsMalformed(string phc)
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance);
        var hasher = TestHashers.Create(o => o.AcceptNodeParameterOrder = false, engine);

        Assert.Equal(MalformedHash, await hasher.VerifyAsync(Argon2Vectors.NodePassword, phc));
        Assert.Equal(0, engine.Calls);
    }

    [Theory]
    // Other permutations of m, t, p.
    [InlineData("t=2,m=256,p=1")]
    [InlineData("t=2,p=1,m=256")]
    [InlineData("p=1,t=2,m=256")]
    [InlineData("p=1,m=256,t=2")]
    // Duplicates and missing parameters.
    [InlineData("m=256,m=256,p=1,t=2")]
    [InlineData("m=256,p=1,p=1,t=2")]
    [InlineData("m=256,p=1,t=2,t=2")]
    [InlineData("m=256,p=1,t=2,m=256")]
    [InlineData("m=256,p=1")]
    [InlineData("m=256,p=1,t=")]
    // Anything besides m, p, t, including the parameters the reference order may carry.
    [InlineData("m=256,p=1,t=2,keyid=MjAyNmE")]
    [InlineData("m=256,p=1,t=2,data=YWJj")]
    [InlineData("m=256,p=1,t=2,x=1")]
    [InlineData("m=256,x=1,p=1,t=2")]
    [InlineData("m=256,p=1,x=1,t=2")]
    // The reference decoder's other rules still hold in this order.
    [InlineData("m=256,p=01,t=2")]
    [InlineData("m=256,p=1,t=02")]
    [InlineData("m=256,p=1,t=0")]
    [InlineData("m=256,p=0,t=2")]
    [InlineData("m=8,p=2,t=2")]
    [InlineData("m=256,P=1,t=2")]
    [InlineData("m=256;p=1;t=2")]
    public async Task VerifyAsync_ParameterListOtherThanMPT_IsMalformedWithoutComputing(string parameters)
    {
        var phc = "$argon2id$v=19$" + parameters + "$zd0m7wpL2ufRigSaY8LDVg$lHlqZyetqd3zbbLxgWD8CBoaaSSwLC1tBz2Aq6qMPxE";
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance);
        var hasher = TestHashers.Create(engine: engine);

        Assert.Equal(MalformedHash, await hasher.VerifyAsync(Argon2Vectors.NodePassword, phc));
        Assert.Equal(0, engine.Calls);
    }

    [Theory]
    [InlineData("m=4194304,p=1,t=2", CredentialVerificationReason.MemoryAboveCeiling)]
    [InlineData("m=4294967295,p=16777215,t=4294967295", CredentialVerificationReason.MemoryAboveCeiling)]
    [InlineData("m=256,p=1,t=17", CredentialVerificationReason.IterationsAboveCeiling)]
    [InlineData("m=256,p=9,t=2", CredentialVerificationReason.ParallelismAboveCeiling)]
    public async Task VerifyAsync_NodeOrderOverACeiling_IsRejectedByPolicyBeforeAnyAllocation(string parameters, CredentialVerificationReason reason)
    {
        var phc = "$argon2id$v=19$" + parameters + "$zd0m7wpL2ufRigSaY8LDVg$lHlqZyetqd3zbbLxgWD8CBoaaSSwLC1tBz2Aq6qMPxE";
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance);
        var hasher = TestHashers.Create(engine: engine);

        Assert.Equal(new CredentialVerification(CredentialVerificationStatus.RejectedByPolicy, reason), await hasher.VerifyAsync(Argon2Vectors.NodePassword, phc));
        Assert.Equal(0, engine.Calls);
        Assert.Equal(0, hasher.Budget.PeakKiB);
    }

    [Fact]
    public async Task VerifyAsync_NodeOrderWithLongSalt_IsRejectedByPolicyBeforeDecoding()
    {
        var phc = "$argon2id$v=19$m=256,p=1,t=2$" + new string('A', 70) + "$lHlqZyetqd3zbbLxgWD8CBoaaSSwLC1tBz2Aq6qMPxE";
        var hasher = TestHashers.Create();

        Assert.Equal(
            new CredentialVerification(CredentialVerificationStatus.RejectedByPolicy, CredentialVerificationReason.SaltLengthAboveCeiling),
            await hasher.VerifyAsync(Argon2Vectors.NodePassword, phc));
    }
}
