namespace SecureApi.Toolkit.RateLimiting.Resilience;

/// <summary>
/// Stops calling a store that keeps failing. After <c>threshold</c> consecutive failures the circuit opens: requests
/// go straight to their fail mode. Once <c>probeInterval</c> has passed, exactly one request probes the store; its
/// success closes the circuit, its failure keeps it open for another interval. Time is the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class StoreCircuitBreaker(TimeProvider time, int threshold, TimeSpan probeInterval, Action<bool> modeChanged)
{
    private const int Closed = 0;
    private const int Open = 1;
    private int _state;
    private int _failures;
    private int _probing;
    private long _openedAt;

    public bool IsOpen => Volatile.Read(ref _state) == Open;

    /// <summary>Time left before the next probe, while open.</summary>
    public TimeSpan UntilProbe => IsOpen ? Max(TimeSpan.Zero, probeInterval - time.GetElapsedTime(Volatile.Read(ref _openedAt))) : TimeSpan.Zero;

    /// <summary>Returns whether this request may call the store; <paramref name="probe"/> is set for the one probing request.</summary>
    public bool TryEnter(out bool probe)
    {
        probe = false;
        if (Volatile.Read(ref _state) == Closed)
        {
            return true;
        }

        if (time.GetElapsedTime(Volatile.Read(ref _openedAt)) < probeInterval || Interlocked.CompareExchange(ref _probing, 1, 0) != 0)
        {
            return false;
        }

        probe = true;
        return true;
    }

    public void OnSuccess(bool probe)
    {
        Volatile.Write(ref _failures, 0);
        if (probe || Volatile.Read(ref _state) == Open)
        {
            Volatile.Write(ref _probing, 0);
            if (Interlocked.Exchange(ref _state, Closed) == Open)
            {
                modeChanged(false);
            }
        }
    }

    public void OnFailure(bool probe)
    {
        if (probe)
        {
            Volatile.Write(ref _openedAt, time.GetTimestamp());
            Volatile.Write(ref _probing, 0);
            return;
        }

        if (Interlocked.Increment(ref _failures) >= threshold && Volatile.Read(ref _state) == Closed)
        {
            Volatile.Write(ref _openedAt, time.GetTimestamp());
            if (Interlocked.Exchange(ref _state, Open) == Closed)
            {
                modeChanged(true);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
