using SecureApi.Toolkit.Hashing.Engines;

namespace SecureApi.Toolkit.Hashing.Tests;

/// <summary>Wraps an engine to count calls and concurrent memory, and optionally hold every computation at a gate.</summary>
internal sealed class ObservedEngine(IArgon2Engine inner, bool gated = false) : IArgon2Engine
{
    private readonly ManualResetEventSlim _gate = new(!gated);
    private readonly object _sync = new();
    private long _currentKiB;
    private int _running;
    private TaskCompletionSource? _runningTarget;
    private int _target;

    public string Name => inner.Name;

    public bool AllocatesOnManagedHeap => inner.AllocatesOnManagedHeap;

    public int Calls { get; private set; }

    public long PeakKiB { get; private set; }

    public int PeakRunning { get; private set; }

    public string? GetLimitation(Argon2Cost cost, int saltLength, int hashLength, bool withSecret, bool withAssociatedData = false)
        => inner.GetLimitation(cost, saltLength, hashLength, withSecret, withAssociatedData);

    public void Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> associatedData, Argon2Cost cost, Span<byte> hash)
    {
        lock (_sync)
        {
            Calls++;
            _running++;
            _currentKiB += cost.MemoryKiB;
            PeakKiB = Math.Max(PeakKiB, _currentKiB);
            PeakRunning = Math.Max(PeakRunning, _running);
            if (_runningTarget is not null && _running >= _target)
            {
                _runningTarget.TrySetResult();
            }
        }

        try
        {
            _gate.Wait();
            inner.Compute(password, salt, secret, associatedData, cost, hash);
        }
        finally
        {
            lock (_sync)
            {
                _running--;
                _currentKiB -= cost.MemoryKiB;
            }
        }
    }

    /// <summary>Completes when <paramref name="count"/> computations are inside the engine at once.</summary>
    public Task WhenRunning(int count)
    {
        lock (_sync)
        {
            _target = count;
            _runningTarget = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running >= count)
            {
                _runningTarget.TrySetResult();
            }

            return _runningTarget.Task;
        }
    }

    public void Open() => _gate.Set();

    public void Close() => _gate.Reset();
}
