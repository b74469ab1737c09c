namespace SecureApi.Toolkit.Tokens.Tests.ApiKeys;

public sealed class LastUsedThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public void TryClaim_WithinInterval_OnlyTheFirstWins()
    {
        var throttle = new LastUsedThrottle();
        Assert.True(throttle.TryClaim("k1", Now, Interval));
        Assert.False(throttle.TryClaim("k1", Now, Interval));
        Assert.False(throttle.TryClaim("k1", Now + Interval - TimeSpan.FromTicks(1), Interval));
        Assert.True(throttle.TryClaim("k2", Now, Interval));
    }

    [Fact]
    public void TryClaim_AfterInterval_WinsAgainOncePerInterval()
    {
        var throttle = new LastUsedThrottle();
        Assert.True(throttle.TryClaim("k1", Now, Interval));
        Assert.True(throttle.TryClaim("k1", Now + Interval, Interval));
        Assert.False(throttle.TryClaim("k1", Now + Interval + TimeSpan.FromSeconds(59), Interval));
        Assert.True(throttle.TryClaim("k1", Now + (2 * Interval), Interval));
    }

    [Fact]
    public void TryClaim_ClockSetBack_Wins()
    {
        var throttle = new LastUsedThrottle();
        Assert.True(throttle.TryClaim("k1", Now, Interval));
        Assert.True(throttle.TryClaim("k1", Now.AddSeconds(-1), Interval));
    }

    [Fact]
    public void TryClaim_ZeroInterval_AlwaysWins()
    {
        var throttle = new LastUsedThrottle();
        Assert.True(throttle.TryClaim("k1", Now, TimeSpan.Zero));
        Assert.True(throttle.TryClaim("k1", Now, TimeSpan.Zero));
    }

    [Fact]
    public void Forget_ClaimedKey_CanBeClaimedAgain()
    {
        var throttle = new LastUsedThrottle();
        Assert.True(throttle.TryClaim("k1", Now, Interval));
        throttle.Forget("k1");
        Assert.True(throttle.TryClaim("k1", Now, Interval));
    }

    [Fact]
    public void TryClaim_ConcurrentCallers_ExactlyOneWins()
    {
        var throttle = new LastUsedThrottle();
        var wins = 0;
        Parallel.For(0, 4000, _ =>
        {
            if (throttle.TryClaim("k1", Now, Interval))
            {
                Interlocked.Increment(ref wins);
            }
        });
        Assert.Equal(1, wins);
    }
}
