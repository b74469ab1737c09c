using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Hashing.Admission;

namespace SecureApi.Toolkit.Hashing.Tests.Admission;

// Some of these tests count gen-2 collections.
[Collection(Gen2CountingCollection.Name)]
public class Argon2MemoryBudgetTests
{
    private static Argon2MemoryBudget Create(long totalKiB, int maxQueue = 10, FakeTimeProvider? time = null, int maxConcurrency = int.MaxValue)
        => new(totalKiB, maxQueue, TimeSpan.FromSeconds(5), time ?? new FakeTimeProvider(), metrics: null, maxConcurrency);

    [Fact]
    public async Task AcquireAsync_WithinBudget_GrantsAtOnce()
    {
        var budget = Create(100);

        Assert.Equal(AdmissionOutcome.Granted, await budget.AcquireAsync(60, default));
        Assert.Equal(AdmissionOutcome.Granted, await budget.AcquireAsync(40, default));
        Assert.Equal(100, budget.InUseKiB);
    }

    [Fact]
    public async Task Release_QueuedWaiters_AreGrantedInArrivalOrder()
    {
        var budget = Create(100);
        await budget.AcquireAsync(100, default);
        var first = budget.AcquireAsync(70, default).AsTask();
        var second = budget.AcquireAsync(30, default).AsTask();
        var third = budget.AcquireAsync(10, default).AsTask();

        budget.Release(100);

        Assert.Equal(AdmissionOutcome.Granted, await first);
        Assert.Equal(AdmissionOutcome.Granted, await second);
        Assert.False(third.IsCompleted);
        Assert.Equal(1, budget.QueueLength);
        budget.Release(30);
        Assert.Equal(AdmissionOutcome.Granted, await third);
    }

    [Fact]
    public async Task AcquireAsync_SmallRequestBehindAQueuedLargeOne_WaitsItsTurn()
    {
        var budget = Create(100);
        await budget.AcquireAsync(50, default);
        var large = budget.AcquireAsync(80, default).AsTask();

        // 50 KiB are free, but the large request came first: FIFO keeps it from starving.
        var small = budget.AcquireAsync(10, default).AsTask();

        Assert.False(small.IsCompleted);
        budget.Release(50);
        Assert.Equal(AdmissionOutcome.Granted, await large);
        Assert.Equal(AdmissionOutcome.Granted, await small);
        Assert.Equal(90, budget.InUseKiB);
    }

    [Fact]
    public async Task AcquireAsync_QueuedHeadTimesOut_LetsTheWaitersBehindItIn()
    {
        var time = new FakeTimeProvider();
        var budget = Create(100, time: time);
        await budget.AcquireAsync(50, default);
        var large = budget.AcquireAsync(80, default).AsTask();
        time.Advance(TimeSpan.FromSeconds(3));
        var small = budget.AcquireAsync(10, default).AsTask();

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(AdmissionOutcome.QueueTimeout, await large);
        Assert.Equal(AdmissionOutcome.Granted, await small);
        Assert.Equal(60, budget.InUseKiB);
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_IsRefusedAtOnce()
    {
        var budget = Create(100, maxQueue: 1);
        await budget.AcquireAsync(100, default);
        _ = budget.AcquireAsync(10, default);

        Assert.Equal(AdmissionOutcome.QueueFull, await budget.AcquireAsync(10, default));
        Assert.Equal(AdmissionOutcome.QueueFull, await Create(100).AcquireAsync(101, default));
    }

    [Fact]
    public async Task AcquireAsync_AlreadyCancelled_Throws()
    {
        var budget = Create(100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await budget.AcquireAsync(10, new CancellationToken(canceled: true)));
        Assert.Equal(0, budget.InUseKiB);
    }

    [Fact]
    public async Task AcquireAsync_AtTheConcurrencyCap_WaitsForARunSlotEvenWithMemoryFree()
    {
        var budget = Create(1000, maxConcurrency: 2);
        await budget.AcquireAsync(10, default);
        await budget.AcquireAsync(10, default);

        var third = budget.AcquireAsync(10, default).AsTask();

        Assert.False(third.IsCompleted);
        Assert.Equal(1, budget.QueueLength);
        budget.Release(10);
        Assert.Equal(AdmissionOutcome.Granted, await third);
        Assert.Equal(2, budget.PeakRunning);
        Assert.Equal(20, budget.InUseKiB);
    }

    [Fact]
    public async Task Release_AtTheConcurrencyCap_GrantsOneWaiterPerFreedSlotInArrivalOrder()
    {
        var budget = Create(1000, maxConcurrency: 1);
        await budget.AcquireAsync(10, default);
        var first = budget.AcquireAsync(10, default).AsTask();
        var second = budget.AcquireAsync(10, default).AsTask();

        budget.Release(10);

        Assert.Equal(AdmissionOutcome.Granted, await first);
        Assert.False(second.IsCompleted);
        budget.Release(10);
        Assert.Equal(AdmissionOutcome.Granted, await second);
        Assert.Equal(1, budget.PeakRunning);
    }

    [Fact]
    public async Task Release_NotHeldUntilCollected_ReturnsTheMemoryAtOnceWithoutACollection()
    {
        var budget = Create(100);
        await budget.AcquireAsync(100, default);

        budget.Release(100);

        Assert.Equal(0, budget.InUseKiB);
        Assert.Equal(0, budget.UncollectedKiB);
        Assert.Equal(AdmissionOutcome.Granted, await budget.AcquireAsync(100, default));
        Assert.Equal(0, budget.ForcedCollections);
    }

    [Fact]
    public async Task AcquireAsync_MemoryHeldUntilCollected_IsGrantedOnlyAfterAGen2CollectionReclaimedIt()
    {
        var budget = Create(100);
        await budget.AcquireAsync(60, default);
        var gen2Before = GC.CollectionCount(2);
        budget.Release(60, heldUntilCollected: true);

        // Nothing runs and 60 KiB are free on paper, but the finished operation's 60 KiB are still on the heap: the
        // budget must see a gen-2 collection (one that started after the release) before it grants them again.
        Assert.Equal(AdmissionOutcome.Granted, await budget.AcquireAsync(60, default));

        Assert.True(budget.ForcedCollections >= 1 || GC.CollectionCount(2) - gen2Before >= 2, $"granted without a collection ({budget.ForcedCollections} forced, {GC.CollectionCount(2) - gen2Before} gen-2)");
        Assert.Equal(60, budget.InUseKiB);
        Assert.Equal(0, budget.UncollectedKiB);
        Assert.True(budget.PeakKiB <= 100, $"peak {budget.PeakKiB} KiB");
    }

    [Fact]
    public async Task AcquireAsync_HeldMemoryLeavesRoom_GrantsWithoutACollection()
    {
        var budget = Create(100);
        await budget.AcquireAsync(30, default);
        budget.Release(30, heldUntilCollected: true);

        Assert.Equal(AdmissionOutcome.Granted, await budget.AcquireAsync(70, default));

        Assert.Equal(0, budget.ForcedCollections);
        Assert.True(budget.PeakKiB <= 100, $"peak {budget.PeakKiB} KiB");
    }

    [Fact]
    public async Task Release_HeldMemoryKeepsAQueuedWaiterOut_RunsACollectionAndGrantsIt()
    {
        var budget = Create(100);
        await budget.AcquireAsync(60, default);
        await budget.AcquireAsync(40, default);
        var queued = budget.AcquireAsync(60, default).AsTask();
        var gen2Before = GC.CollectionCount(2);

        budget.Release(60, heldUntilCollected: true);

        Assert.Equal(AdmissionOutcome.Granted, await queued);
        Assert.True(budget.ForcedCollections >= 1 || GC.CollectionCount(2) - gen2Before >= 2, $"granted without a collection ({budget.ForcedCollections} forced, {GC.CollectionCount(2) - gen2Before} gen-2)");
        Assert.Equal(100, budget.InUseKiB);
        Assert.Equal(100, budget.PeakKiB);
    }

    [Fact]
    public async Task AcquireAsync_NoQueueAndOnlyUncollectedMemoryInTheWay_CollectsInsteadOfRefusing()
    {
        var budget = Create(100, maxQueue: 0);
        await budget.AcquireAsync(100, default);
        budget.Release(100, heldUntilCollected: true);

        // With no queue, "does not fit" would mean QueueFull; but nothing is running, so a collection makes room.
        Assert.Equal(AdmissionOutcome.Granted, await budget.AcquireAsync(100, default));
        Assert.Equal(100, budget.InUseKiB);
        Assert.Equal(0, budget.QueueLength);
    }

    [Fact]
    public async Task AcquireAsync_NoQueueAndRunningWorkInTheWay_IsRefusedWithoutACollection()
    {
        var budget = Create(100, maxQueue: 0);
        await budget.AcquireAsync(100, default);

        Assert.Equal(AdmissionOutcome.QueueFull, await budget.AcquireAsync(10, default));
        Assert.Equal(0, budget.ForcedCollections);
    }
}
