using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Anomaly.Stores;
using SecureApi.Toolkit.Anomaly.Tests.Infrastructure;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Anomaly.Tests.Stores;

public class InMemorySuspensionStoreTests
{
    private static readonly SuspensionRequest Escalating = new()
    {
        Reason = "test",
        BaseDuration = TimeSpan.FromMinutes(10),
        Multiplier = 3,
        MaxDuration = TimeSpan.FromMinutes(60),
        OffenceMemory = TimeSpan.FromHours(1),
    };

    [Fact]
    public async Task SuspendAsync_First_CreatesBaseDuration()
    {
        var store = new InMemorySuspensionStore(new FakeTimeProvider(Units.Start));

        var outcome = await store.SuspendAsync("ip:1.2.3.4", Escalating);

        Assert.True(outcome.Created);
        Assert.Equal(1, outcome.Suspension.Offence);
        Assert.Equal(Units.Start + TimeSpan.FromMinutes(10), outcome.Suspension.ExpiresAt);
        Assert.Equal("test", outcome.Suspension.Reason);
    }

    [Fact]
    public async Task SuspendAsync_WhileSuspended_DoesNotExtend()
    {
        var time = new FakeTimeProvider(Units.Start);
        var store = new InMemorySuspensionStore(time);
        var first = await store.SuspendAsync("c", Escalating);
        time.Advance(TimeSpan.FromMinutes(5));

        var again = await store.SuspendAsync("c", Escalating);

        Assert.False(again.Created);
        Assert.Equal(first.Suspension, again.Suspension);
    }

    [Fact]
    public async Task SuspendAsync_RepeatedOffences_EscalateUpToCeiling()
    {
        var time = new FakeTimeProvider(Units.Start);
        var store = new InMemorySuspensionStore(time);
        var durations = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            var outcome = await store.SuspendAsync("c", Escalating);
            durations.Add(outcome.Suspension.Duration);
            time.Advance(outcome.Suspension.Duration);
        }

        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(60)], durations);
    }

    [Fact]
    public async Task SuspendAsync_AfterOffenceMemory_StartsFromBase()
    {
        var time = new FakeTimeProvider(Units.Start);
        var store = new InMemorySuspensionStore(time);
        await store.SuspendAsync("c", Escalating);
        time.Advance(TimeSpan.FromMinutes(10) + Escalating.OffenceMemory);

        var outcome = await store.SuspendAsync("c", Escalating);

        Assert.Equal(1, outcome.Suspension.Offence);
        Assert.Equal(TimeSpan.FromMinutes(10), outcome.Suspension.Duration);
    }

    [Fact]
    public async Task SuspendAsync_Replace_OverwritesSuspensionInForce()
    {
        var store = new InMemorySuspensionStore(new FakeTimeProvider(Units.Start));
        await store.SuspendAsync("c", Escalating);

        var manual = await store.SuspendAsync("c", new SuspensionRequest { Reason = "manual", BaseDuration = TimeSpan.FromHours(2), MaxDuration = TimeSpan.FromHours(2), Replace = true });

        Assert.True(manual.Created);
        Assert.Equal(TimeSpan.FromHours(2), manual.Suspension.Duration);
        Assert.Equal("manual", (await store.GetAsync("c"))!.Reason);
    }

    [Fact]
    public async Task GetAsync_AfterExpiry_IsNull()
    {
        var time = new FakeTimeProvider(Units.Start);
        var store = new InMemorySuspensionStore(time);
        await store.SuspendAsync("c", Escalating);
        Assert.NotNull(await store.GetAsync("c"));

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await store.GetAsync("c"));
        Assert.Empty(await store.GetActiveAsync());
    }

    [Fact]
    public async Task LiftAsync_KeepsOffencesUnlessForgotten()
    {
        var store = new InMemorySuspensionStore(new FakeTimeProvider(Units.Start));
        await store.SuspendAsync("c", Escalating);

        Assert.True(await store.LiftAsync("c"));
        Assert.False(await store.LiftAsync("c"));
        Assert.Equal(2, (await store.SuspendAsync("c", Escalating)).Suspension.Offence);

        await store.LiftAsync("c", forgetOffences: true);
        Assert.Equal(1, (await store.SuspendAsync("c", Escalating)).Suspension.Offence);
    }

    [Fact]
    public async Task SubscribeAsync_TellsSuspensionsAndLiftsUntilDisposed()
    {
        var store = new InMemorySuspensionStore(new FakeTimeProvider(Units.Start));
        var changes = new List<SuspensionChange>();
        var subscription = await store.SubscribeAsync(changes.Add);

        await store.SuspendAsync("c", Escalating);
        await store.SuspendAsync("c", Escalating);
        await store.LiftAsync("c");
        await subscription.DisposeAsync();
        await store.SuspendAsync("d", Escalating);

        Assert.Equal(2, changes.Count);
        Assert.Equal(TimeSpan.FromMinutes(10), changes[0].Remaining);
        Assert.NotNull(changes[0].Suspension);
        Assert.Null(changes[1].Suspension);
    }

    [Fact]
    public void DurationFor_AppliesJitterThenCeiling()
    {
        var request = Escalating with { JitterFactor = 1.1 };

        Assert.Equal(TimeSpan.FromMinutes(11), request.DurationFor(1));
        Assert.Equal(TimeSpan.FromMinutes(33), request.DurationFor(2));
        Assert.Equal(TimeSpan.FromMinutes(60), request.DurationFor(3));
    }
}
