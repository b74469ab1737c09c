namespace SecureApi.Toolkit.Conformance.Fixtures;

/// <summary>
/// Redis expires keys by its own clock, which a test cannot fake; the Redis variants of time-based cases therefore
/// let a short, real window pass. Kept in one place so every such wait is visible.
/// </summary>
public static class RealTime
{
    public static async Task PassAsync(TimeSpan duration)
    {
        using var timer = new PeriodicTimer(duration);
        await timer.WaitForNextTickAsync();
    }
}
