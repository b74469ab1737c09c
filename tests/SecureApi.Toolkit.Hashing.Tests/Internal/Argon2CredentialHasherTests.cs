using System.Text.RegularExpressions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Hashing.Engines;
using SecureApi.Toolkit.Hashing.Internal;
using SecureApi.Toolkit.Hashing.Phc;

namespace SecureApi.Toolkit.Hashing.Tests.Internal;

public class Argon2CredentialHasherTests
{
    private static readonly byte[] Pepper1 = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Pepper2 = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task HashAsync_NewSecret_WritesAReferenceFormatPhcStringThatVerifies()
    {
        var hasher = TestHashers.Create();

        var phc = await hasher.HashAsync("correct horse");

        Assert.Matches(new Regex("^\\$argon2id\\$v=19\\$m=64,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$"), phc);
        Assert.Equal(CredentialVerification.Success, await hasher.VerifyAsync("correct horse", phc));
    }

    [Fact]
    public async Task HashAsync_SameSecretTwice_UsesFreshSalts()
    {
        var hasher = TestHashers.Create();

        Assert.NotEqual(await hasher.HashAsync("s3cret"), await hasher.HashAsync("s3cret"));
    }

    [Fact]
    public async Task VerifyAsync_WrongSecret_FailsWithMismatch()
    {
        var hasher = TestHashers.Create();
        var phc = await hasher.HashAsync("right");

        var result = await hasher.VerifyAsync("wrong", phc);

        Assert.Equal(new CredentialVerification(CredentialVerificationStatus.Failed, CredentialVerificationReason.Mismatch), result);
        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    public async Task VerifyAsync_PhcVector_Succeeds(int row)
    {
        var hasher = TestHashers.Create(o => o.VerifyPolicy.MaxIterations = 20);
        var vector = Argon2Vectors.Row(row);

        var result = await hasher.VerifyAsync(vector.Password, vector.Phc);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task VerifyAsync_Row9WithPasswore_Fails()
    {
        var hasher = TestHashers.Create();

        var result = await hasher.VerifyAsync("passwore", Argon2Vectors.Row(9).Phc);

        Assert.Equal(CredentialVerificationStatus.Failed, result.Status);
    }

    [Theory]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$8iIuixkI73Js3G1uMbezQXD0b8LG4SXGsOwoQkdAQIM")]
    [InlineData("$argon2id$v=19$m=256,t=3,p=2$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE")]
    public async Task VerifyAsync_WellFormedButWrongHash_Fails(string phc)
    {
        var hasher = TestHashers.Create();

        Assert.Equal(CredentialVerificationStatus.Failed, (await hasher.VerifyAsync("password", phc)).Status);
    }

    [Theory]
    [InlineData("$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$b2G3seW+uPzerwQQC+/E1K50CLLO7YXy0JRcaTuswRo", CredentialVerificationReason.UnsupportedVersion)]
    [InlineData("$argon2id$v=16$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", CredentialVerificationReason.UnsupportedVersion)]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA", CredentialVerificationReason.MalformedHash)]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQwWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA", CredentialVerificationReason.MalformedHash)]
    [InlineData("$Argon2id$v=19$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE", CredentialVerificationReason.MalformedHash)]
    [InlineData("$argon2id$v=19$m=4096,t=0,p=1$PkEgMTYtYnl0ZXMgc2FsdA$ltB/ue1kPtBMBGfsysMpPigE6hiNEKZ9vs8vLNVDQGA", CredentialVerificationReason.MalformedHash)]
    [InlineData("$argon2id$v=19$m=065536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", CredentialVerificationReason.MalformedHash)]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc=", CredentialVerificationReason.MalformedHash)]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$x", CredentialVerificationReason.MalformedHash)]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNh$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", CredentialVerificationReason.MalformedHash)]
    [InlineData("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFh", CredentialVerificationReason.MalformedHash)]
    [InlineData("$argon2id$v=19$m=16,t=2,p=4$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", CredentialVerificationReason.MalformedHash)]
    [InlineData("", CredentialVerificationReason.MalformedHash)]
    [InlineData("AQAAAAIAAYagAAAAEHpQ", CredentialVerificationReason.MalformedHash)]
    public async Task VerifyAsync_RejectListEntry_IsMalformedWithoutComputingOrAdmission(string phc, CredentialVerificationReason reason)
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance);
        var hasher = TestHashers.Create(engine: engine);

        var result = await hasher.VerifyAsync("password", phc);

        Assert.Equal(new CredentialVerification(CredentialVerificationStatus.Malformed, reason), result);
        Assert.Equal(0, engine.Calls);
        Assert.Equal(0, hasher.Budget.PeakKiB);
    }

    [Theory]
    [InlineData("$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", CredentialVerificationReason.MemoryAboveCeiling)]
    [InlineData("$argon2id$v=19$m=4294967295,t=4294967295,p=16777215$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", CredentialVerificationReason.MemoryAboveCeiling)]
    [InlineData("$argon2id$v=19$m=256,t=17,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", CredentialVerificationReason.IterationsAboveCeiling)]
    [InlineData("$argon2id$v=19$m=256,t=2,p=9$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", CredentialVerificationReason.ParallelismAboveCeiling)]
    [InlineData("$argon2id$v=19$m=256,t=2,p=1$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", CredentialVerificationReason.SaltLengthAboveCeiling)]
    [InlineData("$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYQ", CredentialVerificationReason.HashLengthAboveCeiling)]
    public async Task VerifyAsync_StoredHashOverACeiling_IsRejectedByPolicyBeforeAnyAllocation(string phc, CredentialVerificationReason reason)
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance);
        var hasher = TestHashers.Create(engine: engine);

        var result = await hasher.VerifyAsync("password", phc);

        Assert.Equal(new CredentialVerification(CredentialVerificationStatus.RejectedByPolicy, reason), result);
        Assert.Equal(0, engine.Calls);
        Assert.Equal(0, hasher.Budget.PeakKiB);
    }

    [Theory]
    [InlineData(32, 2, 16, 32)]
    [InlineData(64, 1, 16, 32)]
    [InlineData(64, 2, 8, 32)]
    [InlineData(64, 2, 16, 16)]
    public async Task VerifyAsync_HashBelowCurrentParameters_AsksForRehash(int memoryKiB, int iterations, int saltLength, int hashLength)
    {
        var old = TestHashers.Create(o => (o.MemoryKiB, o.Iterations, o.SaltLength, o.HashLength) = (memoryKiB, iterations, saltLength, hashLength));
        var phc = await old.HashAsync("pw");
        var current = TestHashers.Create();

        var result = await current.VerifyAsync("pw", phc);

        Assert.Equal(CredentialVerification.Rehash(CredentialVerificationReason.ParametersBelowPolicy), result);
        Assert.True(result.RehashNeeded);
        Assert.Equal(CredentialVerificationStatus.Failed, (await current.VerifyAsync("other", phc)).Status);
    }

    [Fact]
    public async Task VerifyAsync_HashAboveCurrentParameters_DoesNotAskForRehash()
    {
        var stronger = TestHashers.Create(o => (o.MemoryKiB, o.Iterations, o.Parallelism, o.HashLength) = (128, 3, 2, 48));
        var phc = await stronger.HashAsync("pw");

        Assert.Equal(CredentialVerification.Success, await TestHashers.Create().VerifyAsync("pw", phc));
    }

    [Fact]
    public async Task HashAsync_WithCurrentPepper_WritesKeyIdAndVerifiesOnlyWithThatPepper()
    {
        var hasher = TestHashers.Create(o => { o.Peppers["p1"] = Pepper1; o.CurrentPepperId = "p1"; });

        var phc = await hasher.HashAsync("pw");

        Assert.Contains(",keyid=cDE$", phc, StringComparison.Ordinal);
        Assert.Equal(CredentialVerification.Success, await hasher.VerifyAsync("pw", phc));

        // Same id, other bytes: the pepper really is an input of the hash.
        var impostor = TestHashers.Create(o => { o.Peppers["p1"] = Pepper2; o.CurrentPepperId = "p1"; });
        Assert.Equal(CredentialVerificationStatus.Failed, (await impostor.VerifyAsync("pw", phc)).Status);
    }

    [Fact]
    public async Task VerifyAsync_HashUnderRotatedPepper_SucceedsAndAsksForRehash()
    {
        var before = TestHashers.Create(o => { o.Peppers["p1"] = Pepper1; o.CurrentPepperId = "p1"; });
        var phc = await before.HashAsync("pw");
        var after = TestHashers.Create(o => { o.Peppers["p1"] = Pepper1; o.Peppers["p2"] = Pepper2; o.CurrentPepperId = "p2"; });

        var result = await after.VerifyAsync("pw", phc);
        var rehashed = await after.HashAsync("pw");

        Assert.Equal(CredentialVerification.Rehash(CredentialVerificationReason.PepperRotated), result);
        Assert.Contains(",keyid=cDI$", rehashed, StringComparison.Ordinal);
        Assert.Equal(CredentialVerification.Success, await after.VerifyAsync("pw", rehashed));
        Assert.Equal(CredentialVerificationStatus.Failed, (await after.VerifyAsync("wrong", phc)).Status);
    }

    [Fact]
    public async Task VerifyAsync_UnpepperedHashWhenAPepperIsCurrent_AsksForRehash()
    {
        var phc = await TestHashers.Create().HashAsync("pw");
        var peppered = TestHashers.Create(o => { o.Peppers["p1"] = Pepper1; o.CurrentPepperId = "p1"; });

        Assert.Equal(CredentialVerification.Rehash(CredentialVerificationReason.PepperRotated), await peppered.VerifyAsync("pw", phc));
    }

    [Fact]
    public async Task VerifyAsync_PepperIdNotConfigured_IsUnsupportedWithoutComputing()
    {
        var phc = await TestHashers.Create(o => { o.Peppers["p1"] = Pepper1; o.CurrentPepperId = "p1"; }).HashAsync("pw");
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance);
        var other = TestHashers.Create(o => o.Peppers["p2"] = Pepper2, engine);

        var result = await other.VerifyAsync("pw", phc);

        Assert.Equal(new CredentialVerification(CredentialVerificationStatus.Unsupported, CredentialVerificationReason.UnknownPepper), result);
        Assert.Equal(0, engine.Calls);
    }

    [Fact]
    public async Task VerifyAsync_Row12WithoutKeyId_FailsBecauseNoPepperIsApplied()
    {
        // The PHC string of row 12 does not say a secret was used; only the engine-level test (KnownSecret) matches it.
        var hasher = TestHashers.Create(o => { o.Peppers["pepper"] = "pepperpepperpepper"u8.ToArray(); });

        Assert.Equal(CredentialVerificationStatus.Failed, (await hasher.VerifyAsync("hunter2", Argon2Vectors.Row(12).Phc)).Status);
    }

    [Fact]
    public async Task VerifyAsync_LibsodiumEngineAndParameterSetItCannotCompute_IsUnsupportedEngineLimitation()
    {
        var sodium = TestHashers.Create(o => o.Engine = Argon2Engine.Libsodium);
        var peppered = await TestHashers.Create(o => { o.Peppers["p1"] = Pepper1; o.CurrentPepperId = "p1"; }).HashAsync("pw");
        var sodiumWithPepper = TestHashers.Create(o => { o.Engine = Argon2Engine.Libsodium; o.Peppers["p1"] = Pepper1; });
        var expected = new CredentialVerification(CredentialVerificationStatus.Unsupported, CredentialVerificationReason.EngineLimitation);

        Assert.Equal(expected, await sodium.VerifyAsync("password", Argon2Vectors.Row(10).Phc));
        Assert.Equal(expected, await sodium.VerifyAsync("password", Argon2Vectors.Row(9).Phc));
        Assert.Equal(expected, await sodiumWithPepper.VerifyAsync("pw", peppered));
    }

    [Fact]
    public async Task VerifyAsync_AcrossEngines_EveryHashOfOneVerifiesWithTheOther()
    {
        var konscious = TestHashers.Create();
        var sodium = TestHashers.Create(o => o.Engine = Argon2Engine.Libsodium);
        Assert.IsType<LibsodiumArgon2Engine>(sodium.Engine);

        for (var i = 0; i < 5; i++)
        {
            var secret = "secret-" + i + "-ünïcödé";
            Assert.Equal(CredentialVerification.Success, await sodium.VerifyAsync(secret, await konscious.HashAsync(secret)));
            Assert.Equal(CredentialVerification.Success, await konscious.VerifyAsync(secret, await sodium.HashAsync(secret)));
            Assert.Equal(CredentialVerificationStatus.Failed, (await konscious.VerifyAsync(secret + "x", await sodium.HashAsync(secret))).Status);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public async Task VerifyAsync_LibsodiumEngineOnVectorWithinItsLimits_Succeeds(int row)
    {
        var sodium = TestHashers.Create(o => { o.Engine = Argon2Engine.Libsodium; o.VerifyPolicy.MaxIterations = 20; });
        var vector = Argon2Vectors.Row(row);

        Assert.True((await sodium.VerifyAsync(vector.Password, vector.Phc)).Succeeded);
    }

    [Fact]
    public async Task HashAsync_EmptySecret_Throws()
    {
        var hasher = TestHashers.Create();

        await Assert.ThrowsAsync<ArgumentException>(async () => await hasher.HashAsync(""));
        await Assert.ThrowsAsync<ArgumentException>(async () => await hasher.VerifyAsync("", Argon2Vectors.Row(3).Phc));
    }

    [Fact]
    public async Task VerifyAsync_64ConcurrentWithABudgetOf4Hashes_PeakStaysWithinBudgetQueuedCompleteOverflowIsOverloaded()
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance, gated: true);
        // The queued 40 wait until the gate opens, which on a loaded machine can take longer than the 5 s default.
        var hasher = TestHashers.Create(o => { o.MemoryBudgetKiB = 4 * 64; o.MaxQueueLength = 40; o.VerifyPolicy.MaxMemoryKiB = 64; o.QueueTimeout = TimeSpan.FromMinutes(5); }, engine);
        var phc = await TestHashers.Create().HashAsync("pw");
        var running = engine.WhenRunning(4);

        var verifications = Enumerable.Range(0, 64).Select(_ => hasher.VerifyAsync("pw", phc).AsTask()).ToArray();

        // Admission runs on the calling thread, under the budget's lock: once the 64 calls have returned, the other 60
        // have all been queued or refused.
        Assert.Equal(40, hasher.Budget.QueueLength);
        Assert.Equal(20, verifications.Count(t => t.IsCompletedSuccessfully && t.Result.Status == CredentialVerificationStatus.Overloaded));
        Assert.All(verifications.Where(t => t.IsCompleted), t => Assert.Equal(CredentialVerificationReason.QueueFull, t.Result.Reason));
        await running.WaitAsync(TimeSpan.FromSeconds(30)); // a regression fails instead of hanging the run

        engine.Open();
        var results = await Task.WhenAll(verifications);

        Assert.Equal(44, results.Count(r => r == CredentialVerification.Success));
        Assert.Equal(20, results.Count(r => r.Status == CredentialVerificationStatus.Overloaded));
        Assert.Equal(44, engine.Calls);
        Assert.True(engine.PeakKiB <= 4 * 64, $"peak {engine.PeakKiB} KiB");
        Assert.Equal(4 * 64, hasher.Budget.PeakKiB);
        Assert.Equal(0, hasher.Budget.InUseKiB);
        Assert.Equal(0, hasher.Budget.QueueLength);
    }

    [Fact]
    public async Task VerifyAsync_64ConcurrentOnTheRealEngine_AllCompleteWithinBudget()
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance);
        var hasher = TestHashers.Create(o => { o.MemoryKiB = 32; o.Iterations = 1; o.MemoryBudgetKiB = 4 * 32; o.MaxQueueLength = 64; o.VerifyPolicy.MaxMemoryKiB = 32; o.QueueTimeout = TimeSpan.FromMinutes(5); }, engine);
        var phc = await hasher.HashAsync("pw");

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => hasher.VerifyAsync(i % 2 == 0 ? "pw" : "no", phc).AsTask()));

        Assert.Equal(32, results.Count(r => r == CredentialVerification.Success));
        Assert.Equal(32, results.Count(r => r == CredentialVerification.Mismatch));
        Assert.True(engine.PeakRunning <= 4, $"peak {engine.PeakRunning} running");
        Assert.True(hasher.Budget.PeakKiB <= 4 * 32);
    }

    [Fact]
    public async Task VerifyAsync_MoreThanMaxConcurrencyAtOnce_NeverRunsMoreThanTheCapInTheEngine()
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance, gated: true);
        // The queued 7 wait until the gate opens, which on a loaded machine can take longer than the 5 s default.
        var hasher = TestHashers.Create(o => { o.MaxConcurrency = 3; o.QueueTimeout = TimeSpan.FromMinutes(5); }, engine);
        var phc = await TestHashers.Create().HashAsync("pw");
        var running = engine.WhenRunning(3);

        var verifications = Enumerable.Range(0, 10).Select(_ => hasher.VerifyAsync("pw", phc).AsTask()).ToArray();
        await running.WaitAsync(TimeSpan.FromSeconds(30)); // a regression fails instead of hanging the run

        // The memory budget (1 GiB) has room for all ten; the run slots do not.
        Assert.Equal(7, hasher.Budget.QueueLength);
        Assert.Equal(3, engine.PeakRunning);
        engine.Open();
        Assert.All(await Task.WhenAll(verifications), r => Assert.Equal(CredentialVerification.Success, r));
        Assert.Equal(3, engine.PeakRunning);
        Assert.Equal(3, hasher.Budget.PeakRunning);
        Assert.Equal(10, engine.Calls);
    }

    [Fact]
    public async Task VerifyAsync_32ConcurrentOnTheRealEngineWithACapOf2_AllCompleteWithAtMost2Computing()
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance);
        var hasher = TestHashers.Create(o => { o.MaxConcurrency = 2; o.QueueTimeout = TimeSpan.FromMinutes(5); }, engine);
        var phc = await hasher.HashAsync("pw");

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => hasher.VerifyAsync(i % 2 == 0 ? "pw" : "no", phc).AsTask()));

        Assert.Equal(16, results.Count(r => r == CredentialVerification.Success));
        Assert.Equal(16, results.Count(r => r == CredentialVerification.Mismatch));
        Assert.True(engine.PeakRunning <= 2, $"peak {engine.PeakRunning} running");
        Assert.True(hasher.Budget.PeakRunning <= 2, $"peak {hasher.Budget.PeakRunning} granted");
    }

    [Fact]
    public async Task VerifyAsync_LibsodiumWithABudgetOfOneHash_ReturnsTheMemoryAtOnceWithoutCollections()
    {
        var hasher = TestHashers.Create(o => { o.Engine = Argon2Engine.Libsodium; o.MemoryBudgetKiB = 64; o.VerifyPolicy.MaxMemoryKiB = 64; });
        var phc = await hasher.HashAsync("pw");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(CredentialVerification.Success, await hasher.VerifyAsync("pw", phc));
        }

        Assert.False(hasher.Engine.AllocatesOnManagedHeap);
        Assert.Equal(0, hasher.Budget.ForcedCollections);
        Assert.Equal(0, hasher.Budget.UncollectedKiB);
        Assert.Equal(0, hasher.Budget.InUseKiB);
    }

    [Fact]
    public async Task VerifyAsync_QueuedPastTheTimeout_IsOverloadedQueueTimeoutAndHashThrows()
    {
        var time = new FakeTimeProvider();
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance, gated: true);
        var hasher = TestHashers.Create(o => { o.MemoryBudgetKiB = 64; o.VerifyPolicy.MaxMemoryKiB = 64; o.QueueTimeout = TimeSpan.FromSeconds(2); }, engine, time);
        var phc = await TestHashers.Create().HashAsync("pw");
        var running = engine.WhenRunning(1);
        var holder = hasher.VerifyAsync("pw", phc).AsTask();
        await running.WaitAsync(TimeSpan.FromSeconds(30)); // a regression fails instead of hanging the run

        var queued = hasher.VerifyAsync("pw", phc).AsTask();
        var queuedHash = hasher.HashAsync("pw").AsTask();
        Assert.Equal(2, hasher.Budget.QueueLength);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(queued.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new CredentialVerification(CredentialVerificationStatus.Overloaded, CredentialVerificationReason.QueueTimeout), await queued);
        var thrown = await Assert.ThrowsAsync<HashingOverloadedException>(() => queuedHash);
        Assert.Equal(CredentialVerificationReason.QueueTimeout, thrown.Reason);
        engine.Open();
        Assert.Equal(CredentialVerification.Success, await holder);
        Assert.Equal(0, hasher.Budget.InUseKiB);
    }

    [Fact]
    public async Task HashAsync_QueueFull_ThrowsHashingOverloadedException()
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance, gated: true);
        var hasher = TestHashers.Create(o => { o.MemoryBudgetKiB = 64; o.MaxQueueLength = 0; o.VerifyPolicy.MaxMemoryKiB = 64; }, engine);
        var running = engine.WhenRunning(1);
        var holder = hasher.HashAsync("pw").AsTask();
        await running.WaitAsync(TimeSpan.FromSeconds(30)); // a regression fails instead of hanging the run

        var thrown = await Assert.ThrowsAsync<HashingOverloadedException>(async () => await hasher.HashAsync("pw"));

        Assert.Equal(CredentialVerificationReason.QueueFull, thrown.Reason);
        engine.Open();
        Assert.StartsWith("$argon2id$", await holder, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_CancelledWhileQueued_ThrowsAndLeavesTheQueue()
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance, gated: true);
        var hasher = TestHashers.Create(o => { o.MemoryBudgetKiB = 64; o.VerifyPolicy.MaxMemoryKiB = 64; }, engine);
        var phc = await TestHashers.Create().HashAsync("pw");
        var running = engine.WhenRunning(1);
        var holder = hasher.VerifyAsync("pw", phc).AsTask();
        await running.WaitAsync(TimeSpan.FromSeconds(30)); // a regression fails instead of hanging the run
        using var cts = new CancellationTokenSource();

        var queued = hasher.VerifyAsync("pw", phc, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(0, hasher.Budget.QueueLength);
        engine.Open();
        await holder;
        Assert.Equal(1, engine.Calls);
    }

    [Fact]
    public async Task VerifyAsync_Outcomes_AreCountedByTheMeter()
    {
        using var meterFactory = new TestMeterFactory();
        var metrics = new HashingMetrics(meterFactory);
        using var operations = new MetricCollector<long>(meterFactory, HashingMetrics.MeterName, "secureapi.hashing.operations");
        using var rejections = new MetricCollector<long>(meterFactory, HashingMetrics.MeterName, "secureapi.hashing.rejections");
        using var duration = new MetricCollector<double>(meterFactory, HashingMetrics.MeterName, "secureapi.hashing.duration");
        var hasher = TestHashers.Create(metrics: metrics);
        var phc = await hasher.HashAsync("pw");

        await hasher.VerifyAsync("pw", phc);
        await hasher.VerifyAsync("pw", "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");

        Assert.Contains(operations.GetMeasurementSnapshot(), m => (string?)m.Tags["operation"] == "hash" && (string?)m.Tags["outcome"] == "success");
        Assert.Contains(operations.GetMeasurementSnapshot(), m => (string?)m.Tags["operation"] == "verify" && (string?)m.Tags["outcome"] == "success");
        Assert.Contains(operations.GetMeasurementSnapshot(), m => (string?)m.Tags["outcome"] == "rejected-by-policy");
        var rejection = Assert.Single(rejections.GetMeasurementSnapshot());
        Assert.Equal("memory-above-ceiling", rejection.Tags["reason"]);
        Assert.Equal(3, duration.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public void Inspect_HostileStoredHashes_AllRefusedBeforeAdmission()
    {
        var hasher = TestHashers.Create();
        var hostile = new[]
        {
            "$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=256,t=4294967295,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=2048,t=1,p=255$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        };

        Assert.All(hostile, phc => Assert.Equal(CredentialVerificationStatus.RejectedByPolicy, hasher.Inspect(phc, out _, out _)!.Value.Status));
        Assert.Null(hasher.Inspect(Argon2Vectors.Row(1).Phc, out var parsed, out _));
        Assert.Equal(Argon2Vectors.Row(1).Phc, Argon2PhcCodec.Format(parsed!));
    }
}
