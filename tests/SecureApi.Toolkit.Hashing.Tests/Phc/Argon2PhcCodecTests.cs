using SecureApi.Toolkit.Hashing.Phc;

namespace SecureApi.Toolkit.Hashing.Tests.Phc;

public class Argon2PhcCodecTests
{
    public static TheoryData<int> Rows => Argon2Vectors.AllRows();

    [Theory]
    [MemberData(nameof(Rows))]
    public void TryParse_Vector_FormatsBackToTheSameString(int row)
    {
        var phc = Argon2Vectors.Row(row).Phc;

        Assert.True(Argon2PhcCodec.TryParse(phc, out var hash, out var error), error.ToString());
        Assert.Equal(phc, Argon2PhcCodec.Format(hash!));
    }

    [Fact]
    public void TryParse_Row1_ReadsEveryField()
    {
        Assert.True(Argon2PhcCodec.TryParse(Argon2Vectors.Row(1).Phc, out var hash, out _));

        Assert.Equal(65536u, hash!.MemoryKiB);
        Assert.Equal(2u, hash.Iterations);
        Assert.Equal(1u, hash.Parallelism);
        Assert.Null(hash.KeyId);
        Assert.Equal("somesalt"u8.ToArray(), hash.Salt);
        Assert.Equal(Convert.FromHexString("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7"), hash.Hash);
    }

    [Fact]
    public void Format_WithKeyId_WritesKeyIdAfterParallelismAndReadsItBack()
    {
        var hash = new Argon2PhcHash(19456, 2, 1, "2026a", "0123456789abcdef"u8.ToArray(), new byte[32]);

        var phc = Argon2PhcCodec.Format(hash);

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1,keyid=MjAyNmE$MDEyMzQ1Njc4OWFiY2RlZg$", phc, StringComparison.Ordinal);
        Assert.True(Argon2PhcCodec.TryParse(phc, out var parsed, out _));
        Assert.Equal("2026a", parsed!.KeyId);
        Assert.Equal(phc, Argon2PhcCodec.Format(parsed));
    }

    [Theory]
    // The reject list of shared/vectors/argon2.md §3 and the reference decoder's rules.
    [InlineData("$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$b2G3seW+uPzerwQQC+/E1K50CLLO7YXy0JRcaTuswRo", "MissingVersion")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA", "BadStructure")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQwWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA", "BadStructure")]
    [InlineData("$Argon2id$v=19$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", "NotArgon2id")]
    [InlineData("$argon2i$v=19$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", "NotArgon2id")]
    [InlineData("$argon2d$v=19$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", "NotArgon2id")]
    [InlineData("$argon2idx$v=19$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", "NotArgon2id")]
    [InlineData("$argon2id$v=16$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", "UnsupportedVersion")]
    [InlineData("$argon2id$v=019$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", "BadDecimal")]
    [InlineData("$argon2id$V=19$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", "MissingVersion")]
    [InlineData("$argon2id$v=19$M=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", "BadStructure")]
    [InlineData("$argon2id$v=19$m=4096,t=0,p=1$PkEgMTYtYnl0ZXMgc2FsdA$ltB/ue1kPtBMBGfsysMpPigE6hiNEKZ9vs8vLNVDQGA", "IterationsTooFew")]
    [InlineData("$argon2id$v=19$m=065536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadDecimal")]
    [InlineData("$argon2id$v=19$m=65536,t=02,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadDecimal")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=01$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadDecimal")]
    [InlineData("$argon2id$v=19$m=,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadDecimal")]
    [InlineData("$argon2id$v=19$m=+65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadDecimal")]
    [InlineData("$argon2id$v=19$m=4294967296,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadDecimal")]
    [InlineData("$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadStructure")]
    [InlineData("$argon2id$v=19$m=65536, t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadStructure")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadBase64")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc=", "BadBase64")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$", "BadBase64")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc ", "BadBase64")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPd", "BadBase64")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPcAA", "BadBase64")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc\0", "BadBase64")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPP-", "BadBase64")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "SaltTooShort")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "SaltTooShort")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFh", "HashTooShort")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$", "HashTooShort")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=0$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "ParallelismOutOfRange")]
    [InlineData("$argon2id$v=19$m=4294967295,t=2,p=16777216$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "ParallelismOutOfRange")]
    [InlineData("$argon2id$v=19$m=16,t=2,p=4$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "MemoryTooLittle")]
    [InlineData("$argon2id$v=19$m=7,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "MemoryTooLittle")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1,data=YWJj$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadStructure")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1,keyid=$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadKeyId")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1,keyid=YWJjZGVmZ2hp$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadKeyId")]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1,keyid=/w$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "BadKeyId")]
    [InlineData("argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", "NotArgon2id")]
    [InlineData("", "NotArgon2id")]
    [InlineData("$argon2id", "NotArgon2id")]
    [InlineData(null, "BadStructure")]
    public void TryParse_RejectListEntry_FailsWithReason(string? phc, string expected)
    {
        Assert.False(Argon2PhcCodec.TryParse(phc, out var hash, out var error));
        Assert.Null(hash);
        Assert.Equal(expected, error.ToString());
    }

    [Fact]
    public void TryParse_HashOverThePhcUpperBound_IsStillReadForThePolicyToJudge()
    {
        // The reference decoder has no upper bound on salt or tag; the verify policy applies one before allocation.
        var phc = "$argon2id$v=19$m=256,t=2,p=1$" + PhcBase64.Encode(new byte[100]) + "$" + PhcBase64.Encode(new byte[100]);

        Assert.True(Argon2PhcCodec.TryParse(phc, out var hash, out _));
        Assert.Equal(100, hash!.Salt.Length);
    }

    [Theory]
    [InlineData(48, 64, "None")]
    [InlineData(47, 64, "SaltAboveLimit")]
    [InlineData(48, 63, "HashAboveLimit")]
    public void TryParse_WithLimits_RefusesLongSaltOrTagBeforeDecoding(int maxSalt, int maxHash, string expected)
    {
        var phc = "$argon2id$v=19$m=256,t=2,p=1$" + PhcBase64.Encode(new byte[48]) + "$" + PhcBase64.Encode(new byte[64]);

        Argon2PhcCodec.TryParse(phc, maxSalt, maxHash, acceptNodeParameterOrder: false, out _, out var error);

        Assert.Equal(expected, error.ToString());
    }

    [Fact]
    public void TryParse_NodeParameterOrderAccepted_ReadsTheFieldsAndFormatsInReferenceOrder()
    {
        Assert.True(Argon2PhcCodec.TryParse(Argon2Vectors.NodeDefault, int.MaxValue, int.MaxValue, acceptNodeParameterOrder: true, out var hash, out var error), error.ToString());

        Assert.Equal((65536u, 3u, 4u), (hash!.MemoryKiB, hash.Iterations, hash.Parallelism));
        Assert.True(hash.NodeParameterOrder);
        Assert.Null(hash.KeyId);
        Assert.Equal(Argon2Vectors.NodeDefault.Replace("m=65536,p=4,t=3", "m=65536,t=3,p=4", StringComparison.Ordinal), Argon2PhcCodec.Format(hash));
    }

    [Fact]
    public void TryParse_ReferenceOrderWithNodeOrderAccepted_IsNotMarkedNodeOrder()
    {
        Assert.True(Argon2PhcCodec.TryParse(Argon2Vectors.Row(1).Phc, int.MaxValue, int.MaxValue, acceptNodeParameterOrder: true, out var hash, out _));

        Assert.False(hash!.NodeParameterOrder);
    }

    [Theory]
    [InlineData(false, "m=256,p=1,t=2", "BadStructure")]
    [InlineData(true, "m=256,p=1,t=2,keyid=MjAyNmE", "BadStructure")]
    [InlineData(true, "m=256,p=1,t=2,t=2", "BadStructure")]
    [InlineData(true, "m=256,p=1,p=1,t=2", "BadStructure")]
    [InlineData(true, "m=256,t=2,p=1,t=2", "BadStructure")]
    [InlineData(true, "t=2,m=256,p=1", "BadStructure")]
    [InlineData(true, "m=256,p=01,t=2", "BadDecimal")]
    [InlineData(true, "m=256,p=1,t=0", "IterationsTooFew")]
    [InlineData(true, "m=8,p=2,t=2", "MemoryTooLittle")]
    public void TryParse_NodeOrderCandidate_FailsWithReason(bool acceptNodeParameterOrder, string parameters, string expected)
    {
        var phc = "$argon2id$v=19$" + parameters + "$zd0m7wpL2ufRigSaY8LDVg$lHlqZyetqd3zbbLxgWD8CBoaaSSwLC1tBz2Aq6qMPxE";

        Assert.False(Argon2PhcCodec.TryParse(phc, int.MaxValue, int.MaxValue, acceptNodeParameterOrder, out var hash, out var error));
        Assert.Equal(expected, error.ToString());
        Assert.Null(hash);
    }

    [Theory]
    [InlineData("p1", true)]
    [InlineData("2026-a_b", true)]
    [InlineData("a.b", true)]
    [InlineData("", false)]
    [InlineData("123456789", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    [InlineData(null, false)]
    public void IsValidKeyId_Candidate_MatchesTheKeyIdRules(string? keyId, bool expected)
        => Assert.Equal(expected, Argon2PhcCodec.IsValidKeyId(keyId));

    [Fact]
    public void TryParse_EverySingleCharacterMutation_EitherFailsOrIsItsOwnCanonicalSpelling()
    {
        // Strictness as a property: whatever the codec accepts, it writes back byte for byte, so no stored hash has a
        // second spelling (no padding, leading zeros, dangling bits, case or whitespace variants slip through).
        var original = "$argon2id$v=19$m=256,t=2,p=1,keyid=cDE$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
        var alphabet = Enumerable.Range(0x20, 0x5F).Select(c => (char)c).Append('\0').Append('é').ToArray();
        var accepted = 0;
        for (var i = 0; i <= original.Length; i++)
        {
            foreach (var c in alphabet)
            {
                foreach (var mutated in Mutations(original, i, c))
                {
                    if (Argon2PhcCodec.TryParse(mutated, out var hash, out _))
                    {
                        accepted++;
                        Assert.Equal(mutated, Argon2PhcCodec.Format(hash!));
                    }
                }
            }
        }

        Assert.True(accepted > 0);
    }

    [Fact]
    public void Format_RandomValidFields_ParsesBackToTheSameFields()
    {
        for (var i = 0; i < 500; i++)
        {
            var p = (uint)System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 300);
            var hash = new Argon2PhcHash(
                (uint)System.Security.Cryptography.RandomNumberGenerator.GetInt32((int)(8 * p), int.MaxValue),
                (uint)System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue),
                p,
                i % 3 == 0 ? null : "k" + i,
                System.Security.Cryptography.RandomNumberGenerator.GetBytes(System.Security.Cryptography.RandomNumberGenerator.GetInt32(8, 49)),
                System.Security.Cryptography.RandomNumberGenerator.GetBytes(System.Security.Cryptography.RandomNumberGenerator.GetInt32(4, 65)));

            var phc = Argon2PhcCodec.Format(hash);

            Assert.True(Argon2PhcCodec.TryParse(phc, out var parsed, out var error), phc + " " + error);
            Assert.Equal((hash.MemoryKiB, hash.Iterations, hash.Parallelism, hash.KeyId), (parsed!.MemoryKiB, parsed.Iterations, parsed.Parallelism, parsed.KeyId));
            Assert.Equal(hash.Salt, parsed.Salt);
            Assert.Equal(hash.Hash, parsed.Hash);
        }
    }

    private static IEnumerable<string> Mutations(string s, int index, char c)
    {
        yield return s.Insert(index, c.ToString());
        if (index < s.Length)
        {
            yield return string.Concat(s.AsSpan(0, index), c.ToString(), s.AsSpan(index + 1));
            yield return s.Remove(index, 1);
        }
    }
}
