using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Hashing.Admission;

namespace SecureApi.Toolkit.Hashing.Tests.Admission;

public class Argon2MemoryBudgetTests
{
    private static Argon2MemoryBudget Create(long totalKiB, int maxQueue = 10, FakeTimeProvider? time = null)
        => new(totalKiB, maxQueue, TimeSpan.FromSeconds(5), time ?? new FakeTimeProvider(), metrics: null);

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
}
