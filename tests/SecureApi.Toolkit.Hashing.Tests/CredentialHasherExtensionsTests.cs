using SecureApi.Toolkit.Hashing.Engines;

namespace SecureApi.Toolkit.Hashing.Tests;

public class CredentialHasherExtensionsTests
{
    [Fact]
    public async Task VerifyUnknownUserAsync_AnySecret_FailsAfterDoingOneFullVerificationAtCurrentParameters()
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance);
        var hasher = TestHashers.Create(engine: engine);
        await hasher.VerifyUnknownUserAsync("warm-up");
        var callsBefore = engine.Calls;

        var result = await hasher.VerifyUnknownUserAsync("password");

        Assert.Equal(new CredentialVerification(CredentialVerificationStatus.Failed, CredentialVerificationReason.Mismatch), result);
        Assert.Equal(callsBefore + 1, engine.Calls);
        Assert.Equal(TestHashers.SmallMemoryKiB, engine.PeakKiB);
    }

    [Fact]
    public async Task VerifyUnknownUserAsync_BudgetFull_IsOverloadedLikeARealVerification()
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance);
        var hasher = TestHashers.Create(o => { o.MemoryBudgetKiB = 64; o.MaxQueueLength = 0; o.VerifyPolicy.MaxMemoryKiB = 64; }, engine);
        await hasher.VerifyUnknownUserAsync("warm-up");
        var phc = await hasher.HashAsync("pw");
        engine.Close();
        var running = engine.WhenRunning(1);
        var holder = hasher.VerifyAsync("pw", phc).AsTask();
        await running.WaitAsync(TimeSpan.FromSeconds(30)); // a regression fails instead of hanging the run

        var decoy = await hasher.VerifyUnknownUserAsync("password");
        var real = await hasher.VerifyAsync("pw", phc);

        Assert.Equal(new CredentialVerification(CredentialVerificationStatus.Overloaded, CredentialVerificationReason.QueueFull), decoy);
        Assert.Equal(real, decoy);
        engine.Open();
        Assert.Equal(CredentialVerification.Success, await holder);
    }

    [Fact]
    public async Task VerifyUnknownUserAsync_OverloadedBeforeTheDecoyExists_IsOverloadedAndRetriesLater()
    {
        var engine = new ObservedEngine(KonsciousArgon2Engine.Instance, gated: true);
        var hasher = TestHashers.Create(o => { o.MemoryBudgetKiB = 64; o.MaxQueueLength = 0; o.VerifyPolicy.MaxMemoryKiB = 64; }, engine);
        var running = engine.WhenRunning(1);
        var holder = hasher.HashAsync("pw").AsTask();
        await running.WaitAsync(TimeSpan.FromSeconds(30)); // a regression fails instead of hanging the run

        var refused = await hasher.VerifyUnknownUserAsync("password");

        Assert.Equal(new CredentialVerification(CredentialVerificationStatus.Overloaded, CredentialVerificationReason.QueueFull), refused);
        engine.Open();
        await holder;
        Assert.Equal(CredentialVerification.Mismatch, await hasher.VerifyUnknownUserAsync("password"));
    }
}
