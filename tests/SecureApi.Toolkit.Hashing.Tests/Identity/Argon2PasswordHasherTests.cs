using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Hashing.Engines;
using SecureApi.Toolkit.Hashing.Identity;

namespace SecureApi.Toolkit.Hashing.Tests.Identity;

public class Argon2PasswordHasherTests
{
    private static readonly User Alice = new();

    private static Argon2PasswordHasher<User> Create(Action<Argon2HashingOptions>? configure = null, IArgon2Engine? engine = null)
    {
        var options = TestHashers.SmallOptions(configure);
        var hasher = TestHashers.Create(configure, engine);
        return new Argon2PasswordHasher<User>(hasher, Options.Create(options));
    }

    private static PasswordHasher<User> IdentityHasher(PasswordHasherCompatibilityMode mode, int iterations = 100_000)
        => new(Options.Create(new PasswordHasherOptions { CompatibilityMode = mode, IterationCount = iterations }));

    [Fact]
    public void HashPassword_WritesArgon2idThatVerifies()
    {
        var hasher = Create();

        var hash = hasher.HashPassword(Alice, "P@ssw0rd!");

        Assert.StartsWith("$argon2id$v=19$m=64,t=2,p=1$", hash, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(Alice, hash, "P@ssw0rd!"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(Alice, hash, "P@ssw0rd?"));
    }

    [Fact]
    public void VerifyHashedPassword_IdentityV3Hash_SucceedsAndAsksForRehash()
    {
        var v3 = IdentityHasher(PasswordHasherCompatibilityMode.IdentityV3).HashPassword(Alice, "P@ssw0rd!");
        Assert.Equal(0x01, Convert.FromBase64String(v3)[0]);
        var hasher = Create();

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, hasher.VerifyHashedPassword(Alice, v3, "P@ssw0rd!"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(Alice, v3, "wrong"));
    }

    [Fact]
    public void VerifyHashedPassword_IdentityV2Hash_SucceedsAndAsksForRehash()
    {
        var v2 = IdentityHasher(PasswordHasherCompatibilityMode.IdentityV2).HashPassword(Alice, "P@ssw0rd!");
        Assert.Equal(0x00, Convert.FromBase64String(v2)[0]);
        var hasher = Create();

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, hasher.VerifyHashedPassword(Alice, v2, "P@ssw0rd!"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(Alice, v2, "wrong"));
    }

    [Fact]
    public async Task VerifyHashedPassword_IdentityV3HashOverTheIterationCeiling_FailsWithoutRunningIt()
    {
        var v3 = IdentityHasher(PasswordHasherCompatibilityMode.IdentityV3, iterations: 2_000).HashPassword(Alice, "P@ssw0rd!");
        var hasher = Create(o => o.VerifyPolicy.MaxLegacyIterations = 1_000);

        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(Alice, v3, "P@ssw0rd!"));
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Create(o => o.VerifyPolicy.MaxLegacyIterations = 2_000).VerifyHashedPassword(Alice, v3, "P@ssw0rd!"));

        // The same hash naming int.MaxValue iterations: running that PBKDF2 would keep a core busy for many minutes,
        // far past the bound, so a refusal within it shows the stored count was checked before anything was computed.
        var hostile = Convert.FromBase64String(v3);
        BinaryPrimitives.WriteInt32BigEndian(hostile.AsSpan(5, 4), int.MaxValue);
        var verifying = Task.Run(() => Create().VerifyHashedPassword(Alice, Convert.ToBase64String(hostile), "P@ssw0rd!"));

        Assert.Equal(PasswordVerificationResult.Failed, await verifying.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AgAAAAAAAAAAAAAA")]
    [InlineData("AQAAAA==")]
    [InlineData("$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")]
    [InlineData("$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$b2G3seW+uPzerwQQC+/E1K50CLLO7YXy0JRcaTuswRo")]
    [InlineData("")]
    public void VerifyHashedPassword_UnusableStoredHash_Fails(string stored)
        => Assert.Equal(PasswordVerificationResult.Failed, Create().VerifyHashedPassword(Alice, stored, "password"));

    [Fact]
    public void VerifyHashedPassword_WeakerArgon2Hash_AsksForRehash()
    {
        var vector = Argon2Vectors.Row(9);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Create().VerifyHashedPassword(Alice, vector.Phc, vector.Password));
    }

    [Fact]
    public void VerifyHashedPassword_HashMadeByNodeArgon2_SucceedsAndAsksForRehash()
    {
        var hasher = Create();

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, hasher.VerifyHashedPassword(Alice, Argon2Vectors.NodeSmall, Argon2Vectors.NodePassword));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(Alice, Argon2Vectors.NodeSmall, "Correct horse battery staple"));
    }

    [Fact]
    public void VerifyHashedPassword_HashMadeByNodeArgon2WithAcceptNodeParameterOrderOff_Fails()
    {
        var hasher = Create(o => o.AcceptNodeParameterOrder = false);

        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(Alice, Argon2Vectors.NodeSmall, Argon2Vectors.NodePassword));
    }

    [Fact]
    public async Task VerifyHashedPassword_Overloaded_ThrowsHashingOverloadedException()
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance, gated: true);
        void Tight(Argon2HashingOptions o) { o.MemoryBudgetKiB = 64; o.MaxQueueLength = 0; o.VerifyPolicy.MaxMemoryKiB = 64; }
        var options = TestHashers.SmallOptions(Tight);
        var credentialHasher = TestHashers.Create(Tight, engine);
        var hasher = new Argon2PasswordHasher<User>(credentialHasher, Options.Create(options));
        var phc = await TestHashers.Create().HashAsync("pw");
        var running = engine.WhenRunning(1);
        var holder = credentialHasher.VerifyAsync("pw", phc).AsTask();
        await running.WaitAsync(TimeSpan.FromSeconds(30)); // a regression fails instead of hanging the run

        var thrown = Assert.Throws<HashingOverloadedException>(() => hasher.VerifyHashedPassword(Alice, phc, "pw"));

        Assert.Equal(CredentialVerificationReason.QueueFull, thrown.Reason);
        engine.Open();
        await holder;
    }

    public sealed class User;
}
