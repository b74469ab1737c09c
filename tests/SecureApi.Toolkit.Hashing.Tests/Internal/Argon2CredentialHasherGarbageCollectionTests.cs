namespace SecureApi.Toolkit.Hashing.Tests.Internal;

/// <summary>The hasher's budget and memory left on the managed heap: these tests count gen-2 collections, so they run alone.</summary>
[Collection(Gen2CountingCollection.Name)]
public class Argon2CredentialHasherGarbageCollectionTests
{
    [Fact]
    public async Task VerifyAsync_KonsciousWithABudgetOfOneHash_WaitsForTheCollectionOfEachFinishedHashesMemory()
    {
        var hasher = TestHashers.Create(o => { o.MemoryBudgetKiB = 64; o.VerifyPolicy.MaxMemoryKiB = 64; });
        var phc = await hasher.HashAsync("pw");
        var gen2Before = GC.CollectionCount(2);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(CredentialVerification.Success, await hasher.VerifyAsync("pw", phc));
        }

        // Konscious left each hash's 64 KiB on the managed heap: every admission after the first needed a gen-2
        // collection that started after the previous release, run by the budget unless the runtime ran one itself.
        Assert.True(hasher.Engine.AllocatesOnManagedHeap);
        Assert.True(hasher.Budget.ForcedCollections + (GC.CollectionCount(2) - gen2Before) >= 3, $"{hasher.Budget.ForcedCollections} forced, {GC.CollectionCount(2) - gen2Before} gen-2");
        Assert.Equal(0, hasher.Budget.InUseKiB);
        Assert.Equal(64, hasher.Budget.PeakKiB);
    }
}
