using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.Conformance.Anomaly;

/// <summary>The cases every <see cref="ISuspensionStore"/> must pass, whatever it is built on.</summary>
public abstract class SuspensionStoreConformanceTests : IDisposable
{
    private static readonly SuspensionRequest Long = new() { Reason = "threshold", BaseDuration = TimeSpan.FromMinutes(10), Multiplier = 2, MaxDuration = TimeSpan.FromHours(1) };
    private ServiceProvider? _provider;

    protected abstract ServiceProvider CreateProvider();

    /// <summary>Lets <paramref name="duration"/> pass for the store (virtual time in memory, real time on Redis).</summary>
    protected abstract Task PassAsync(TimeSpan duration);

    protected ISuspensionStore Store => (_provider ??= CreateProvider()).GetRequiredService<ISuspensionStore>();

    [Fact]
    public async Task Suspend_First_CreatesBaseCoolDown()
    {
        var outcome = await Store.SuspendAsync("ip:192.0.2.1", Long);

        Assert.True(outcome.Created);
        Assert.Equal("ip:192.0.2.1", outcome.Suspension.CallerId);
        Assert.Equal("threshold", outcome.Suspension.Reason);
        Assert.Equal(1, outcome.Suspension.Offence);
        Assert.Equal(TimeSpan.FromMinutes(10), outcome.Suspension.Duration);
        Assert.Equal(outcome.Suspension, await Store.GetAsync("ip:192.0.2.1"));
    }

    [Fact]
    public async Task Suspend_WhileSuspended_ReturnsItUnchanged()
    {
        var first = await Store.SuspendAsync("sub:spammer", Long);

        var again = await Store.SuspendAsync("sub:spammer", Long with { BaseDuration = TimeSpan.FromMinutes(30) });

        Assert.False(again.Created);
        Assert.InRange(again.Remaining, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal(first.Suspension, again.Suspension);
    }

    [Fact]
    public async Task Suspend_RepeatedOffences_EscalateToTheCeiling()
    {
        var request = new SuspensionRequest { Reason = "r", BaseDuration = TimeSpan.FromMilliseconds(200), Multiplier = 2, MaxDuration = TimeSpan.FromMilliseconds(500), OffenceMemory = TimeSpan.FromMinutes(5) };
        var durations = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var outcome = await Store.SuspendAsync("sub:repeat", request);
            Assert.True(outcome.Created);
            Assert.Equal(i + 1, outcome.Suspension.Offence);
            durations.Add(outcome.Suspension.Duration);
            await PassAsync(outcome.Suspension.Duration + TimeSpan.FromMilliseconds(50));
        }

        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500)], durations);
    }

    [Fact]
    public async Task Suspend_JitterFactor_ScalesTheCoolDown()
    {
        var outcome = await Store.SuspendAsync("sub:jitter", Long with { JitterFactor = 0.9 });

        Assert.Equal(TimeSpan.FromMinutes(9), outcome.Suspension.Duration);
    }

    [Fact]
    public async Task Suspend_Replace_OverwritesTheSuspensionInForce()
    {
        await Store.SuspendAsync("sub:manual", Long);

        var manual = await Store.SuspendAsync("sub:manual", new SuspensionRequest { Reason = "manual", BaseDuration = TimeSpan.FromMinutes(2), MaxDuration = TimeSpan.FromMinutes(2), Replace = true });

        Assert.True(manual.Created);
        Assert.Equal("manual", (await Store.GetAsync("sub:manual"))!.Reason);
        Assert.Equal(TimeSpan.FromMinutes(2), manual.Suspension.Duration);
    }

    [Fact]
    public async Task Get_AfterCoolDown_IsNull()
    {
        await Store.SuspendAsync("sub:short", Long with { BaseDuration = TimeSpan.FromMilliseconds(250) });

        await PassAsync(TimeSpan.FromMilliseconds(500));

        Assert.Null(await Store.GetAsync("sub:short"));
        Assert.DoesNotContain(await Store.GetActiveAsync(), s => s.CallerId == "sub:short");
    }

    [Fact]
    public async Task Lift_EndsTheSuspension_KeepingOffencesUnlessForgotten()
    {
        await Store.SuspendAsync("sub:lift", Long);

        Assert.True(await Store.LiftAsync("sub:lift"));
        Assert.False(await Store.LiftAsync("sub:lift"));
        Assert.Null(await Store.GetAsync("sub:lift"));
        Assert.Equal(2, (await Store.SuspendAsync("sub:lift", Long)).Suspension.Offence);

        await Store.LiftAsync("sub:lift", forgetOffences: true);
        Assert.Equal(1, (await Store.SuspendAsync("sub:lift", Long)).Suspension.Offence);
    }

    [Fact]
    public async Task GetActive_ListsTheSuspensionsInForce()
    {
        await Store.SuspendAsync("sub:a1", Long);
        await Store.SuspendAsync("ip:192.0.2.77", Long);
        await Store.SuspendAsync("sub:a2", Long);
        await Store.LiftAsync("sub:a2");

        var active = await Store.GetActiveAsync();

        Assert.Contains(active, s => s.CallerId == "sub:a1" && s.Suspension!.CallerId == "sub:a1" && s.Remaining > TimeSpan.FromMinutes(9));
        Assert.Contains(active, s => s.CallerId == "ip:192.0.2.77");
        Assert.DoesNotContain(active, s => s.CallerId == "sub:a2");
    }

    [Fact]
    public async Task Suspend_CallerIdsWithBraces_DoNotCollide()
    {
        await Store.SuspendAsync("sub:a{b}", Long);

        Assert.Null(await Store.GetAsync("sub:a"));
        Assert.Null(await Store.GetAsync("sub:ab"));
        Assert.NotNull(await Store.GetAsync("sub:a{b}"));
    }

    [Fact]
    public async Task Suspend_Concurrent_ExactlyOneCreates()
    {
        var store = Store;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.SuspendAsync("sub:race", Long).AsTask())));

        Assert.Equal(1, outcomes.Count(o => o.Created));
        Assert.Single(outcomes.Select(o => o.Suspension).Distinct());
    }

    [Fact]
    public async Task Subscribe_TellsSuspensionsAndLifts()
    {
        var suspended = new TaskCompletionSource<SuspensionChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lifted = new TaskCompletionSource<SuspensionChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await Store.SubscribeAsync(change =>
        {
            if (change.CallerId != "sub:watched")
            {
                return;
            }

            (change.Suspension is null ? lifted : suspended).TrySetResult(change);
        });

        // Generous bounds: on Redis the changes come back over pub/sub, which a loaded machine can delay.
        await Store.SuspendAsync("sub:watched", Long);
        var made = await suspended.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Store.LiftAsync("sub:watched");
        await lifted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("threshold", made.Suspension!.Reason);
        Assert.InRange(made.Remaining, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    public void Dispose()
    {
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }
}
