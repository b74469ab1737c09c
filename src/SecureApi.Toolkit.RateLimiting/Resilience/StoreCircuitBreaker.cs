namespace SecureApi.Toolkit.RateLimiting.Resilience;

/// <summary>
/// Stops calling a store that keeps failing, shaped like Polly v8's circuit breaker: the circuit opens when, over the
/// last <c>samplingDuration</c> (ten buckets), at least <c>minimumThroughput</c> calls were made and at least
/// <c>failureRatio</c> of them failed. Timeouts must also have kept happening for a quarter of the sampling duration,
/// so a burst of slow calls (new connections, JIT, a busy thread pool: they all time out together) does not open it,
/// while an unavailable store (connection refused, which is unambiguous) opens it as soon as the ratio is met.
/// Open, the store is not called; after <c>breakDuration</c> exactly one request probes it. Its failure keeps the
/// circuit open for another break; its success hands over to the evaluator, which settles what the fallback admitted
/// and then calls <see cref="Close"/>. Time is the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class StoreCircuitBreaker
{
    private const int BucketCount = 10;
    private readonly TimeProvider _time;
    private readonly double _failureRatio;
    private readonly int _minimumThroughput;
    private readonly TimeSpan _breakDuration;
    private readonly TimeSpan _sustainedFor;
    private readonly long _bucketTicks;
    private readonly long _created;
    private readonly Action<bool> _modeChanged;
    private readonly Lock _lock = new();
    private readonly Bucket[] _buckets = new Bucket[BucketCount];
    private volatile bool _open;
    private int _probing;
    private long _openedAt;
    private TimeSpan? _failingSince;

    public StoreCircuitBreaker(TimeProvider time, double failureRatio, int minimumThroughput, TimeSpan samplingDuration, TimeSpan breakDuration, Action<bool> modeChanged)
    {
        _time = time;
        _failureRatio = failureRatio;
        _minimumThroughput = minimumThroughput;
        _breakDuration = breakDuration;
        _sustainedFor = samplingDuration / 4;
        _bucketTicks = Math.Max(1, samplingDuration.Ticks / BucketCount);
        _created = time.GetTimestamp();
        _modeChanged = modeChanged;
    }

    public bool IsOpen => _open;

    /// <summary>Time left before the next probe, while open.</summary>
    public TimeSpan UntilProbe => _open ? Max(TimeSpan.Zero, _breakDuration - _time.GetElapsedTime(Volatile.Read(ref _openedAt))) : TimeSpan.Zero;

    /// <summary>Returns whether this request may call the store; <paramref name="probe"/> is set for the one probing request.</summary>
    public bool TryEnter(out bool probe)
    {
        probe = false;
        if (!_open)
        {
            return true;
        }

        if (_time.GetElapsedTime(Volatile.Read(ref _openedAt)) < _breakDuration || Interlocked.CompareExchange(ref _probing, 1, 0) != 0)
        {
            return false;
        }

        probe = true;
        return true;
    }

    /// <summary>Records a successful call. A probe's success does not close the circuit by itself: see <see cref="Close"/>.</summary>
    public void OnSuccess(bool probe)
    {
        if (probe || _open)
        {
            return; // a late answer to a call made before the circuit opened says nothing about the store now
        }

        lock (_lock)
        {
            var (calls, failures) = Record(success: true);
            if (failures < _failureRatio * calls)
            {
                _failingSince = null;
            }
        }
    }

    public void OnFailure(bool probe, StoreFailure failure)
    {
        if (probe)
        {
            Volatile.Write(ref _openedAt, _time.GetTimestamp());
            Volatile.Write(ref _probing, 0);
            return;
        }

        if (_open)
        {
            return;
        }

        bool opened;
        lock (_lock)
        {
            var (calls, failures) = Record(success: false);
            var now = _time.GetElapsedTime(_created);
            _failingSince ??= now;
            opened = calls >= _minimumThroughput
                && failures >= _failureRatio * calls
                && (failure == StoreFailure.Unavailable || now - _failingSince.Value >= _sustainedFor);
            if (opened)
            {
                Volatile.Write(ref _openedAt, _time.GetTimestamp());
                _open = true;
            }
        }

        if (opened)
        {
            _modeChanged(true);
        }
    }

    /// <summary>Closes the circuit after a successful probe (and settlement); the sampling window starts afresh.</summary>
    public void Close()
    {
        lock (_lock)
        {
            Array.Clear(_buckets);
            _failingSince = null;
            _open = false;
            Volatile.Write(ref _probing, 0);
        }

        _modeChanged(false);
    }

    /// <summary>Keeps the circuit open for another break (the probe or the settlement after it failed).</summary>
    public void ProbeFailed() => OnFailure(probe: true, StoreFailure.Unavailable);

    /// <summary>Counts one call in the current bucket; returns the calls and failures of the whole sampling window. Under the lock.</summary>
    private (int Calls, int Failures) Record(bool success)
    {
        var index = _time.GetElapsedTime(_created).Ticks / _bucketTicks;
        ref var current = ref _buckets[index % BucketCount];
        if (current.Index != index)
        {
            current = new Bucket { Index = index };
        }

        current.Calls++;
        current.Failures += success ? 0 : 1;
        int calls = 0, failures = 0;
        foreach (var bucket in _buckets)
        {
            if (bucket.Index > index - BucketCount)
            {
                calls += bucket.Calls;
                failures += bucket.Failures;
            }
        }

        return (calls, failures);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private struct Bucket
    {
        public long Index;
        public int Calls;
        public int Failures;
    }
}
