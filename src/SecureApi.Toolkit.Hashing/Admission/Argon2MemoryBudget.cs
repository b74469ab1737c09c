using SecureApi.Toolkit.Hashing.Internal;

namespace SecureApi.Toolkit.Hashing.Admission;

/// <summary>
/// Admission control for memory-hard work: every hash or verification takes its m KiB from a fixed budget before it
/// allocates anything. Work that does not fit waits in a FIFO queue (first come, first served, so a large request is
/// not starved by a stream of small ones); past the queue length or the queue timeout it is refused at once.
/// </summary>
internal sealed class Argon2MemoryBudget
{
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly long _totalKiB;
    private readonly int _maxQueueLength;
    private readonly TimeSpan _queueTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly HashingMetrics? _metrics;
    private long _inUseKiB;
    private long _peakKiB;

    public Argon2MemoryBudget(long totalKiB, int maxQueueLength, TimeSpan queueTimeout, TimeProvider timeProvider, HashingMetrics? metrics)
    {
        _totalKiB = totalKiB;
        _maxQueueLength = maxQueueLength;
        _queueTimeout = queueTimeout;
        _timeProvider = timeProvider;
        _metrics = metrics;
    }

    public long TotalKiB => _totalKiB;

    public long InUseKiB
    {
        get
        {
            lock (_gate)
            {
                return _inUseKiB;
            }
        }
    }

    /// <summary>Gets the most memory ever held at once; for tests and diagnostics.</summary>
    public long PeakKiB
    {
        get
        {
            lock (_gate)
            {
                return _peakKiB;
            }
        }
    }

    public int QueueLength
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Takes <paramref name="kib"/> from the budget, waiting in the queue when needed.</summary>
    /// <returns>The outcome; only <see cref="AdmissionOutcome.Granted"/> must be followed by <see cref="Release"/>.</returns>
    public ValueTask<AdmissionOutcome> AcquireAsync(long kib, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_gate)
        {
            if (kib > _totalKiB)
            {
                // Options validation makes the budget hold every admissible request; this guards direct construction.
                return ValueTask.FromResult(AdmissionOutcome.QueueFull);
            }

            if (_queue.Count == 0 && _totalKiB - _inUseKiB >= kib)
            {
                Take(kib);
                return ValueTask.FromResult(AdmissionOutcome.Granted);
            }

            if (_queue.Count >= _maxQueueLength)
            {
                return ValueTask.FromResult(AdmissionOutcome.QueueFull);
            }

            waiter = new Waiter(kib, this);
            waiter.Node = _queue.AddLast(waiter);
            _metrics?.QueueChanged(1);
        }

        return new ValueTask<AdmissionOutcome>(WaitAsync(waiter, cancellationToken));
    }

    public void Release(long kib)
    {
        lock (_gate)
        {
            _inUseKiB -= kib;
            _metrics?.MemoryChanged(-kib);
            GrantWaitersLocked();
        }
    }

    private async Task<AdmissionOutcome> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        using var timer = _timeProvider.CreateTimer(static state => ((Waiter)state!).Abandon(AdmissionOutcome.QueueTimeout), waiter, _queueTimeout, Timeout.InfiniteTimeSpan);
        using var registration = cancellationToken.UnsafeRegister(static state => ((Waiter)state!).Abandon(null), waiter);
        var outcome = await waiter.Completion.Task.ConfigureAwait(false);
        if (outcome is null)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        return outcome.Value;
    }

    // Called by the queue timeout (outcome QueueTimeout) or cancellation (outcome null). A waiter already granted
    // keeps its grant: the caller runs and releases as usual.
    private void Abandon(Waiter waiter, AdmissionOutcome? outcome)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }

            _queue.Remove(waiter.Node);
            _metrics?.QueueChanged(-1);

            // A large waiter at the head may have been holding back smaller ones that fit now.
            GrantWaitersLocked();
        }

        waiter.Completion.TrySetResult(outcome);
    }

    private void GrantWaitersLocked()
    {
        while (_queue.First is { } first && _totalKiB - _inUseKiB >= first.Value.Kib)
        {
            _queue.RemoveFirst();
            _metrics?.QueueChanged(-1);
            Take(first.Value.Kib);

            // RunContinuationsAsynchronously: the granted caller does not run inside this lock.
            first.Value.Completion.TrySetResult(AdmissionOutcome.Granted);
        }
    }

    private void Take(long kib)
    {
        _inUseKiB += kib;
        _peakKiB = Math.Max(_peakKiB, _inUseKiB);
        _metrics?.MemoryChanged(kib);
    }

    private sealed class Waiter(long kib, Argon2MemoryBudget budget)
    {
        public long Kib { get; } = kib;

        public LinkedListNode<Waiter>? Node { get; set; }

        public void Abandon(AdmissionOutcome? outcome) => budget.Abandon(this, outcome);

        public TaskCompletionSource<AdmissionOutcome?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
