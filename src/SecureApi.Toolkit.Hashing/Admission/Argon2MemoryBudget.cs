using SecureApi.Toolkit.Hashing.Internal;

namespace SecureApi.Toolkit.Hashing.Admission;

/// <summary>
/// Admission control for memory-hard work: every hash or verification takes its m KiB from a fixed budget, and one of
/// a fixed number of run slots, before it allocates anything. Work that does not fit waits in a FIFO queue (first
/// come, first served, so a large request is not starved by a stream of small ones); past the queue length or the
/// queue timeout it is refused at once.
/// </summary>
/// <remarks>
/// An engine that allocates its memory on the managed heap (Konscious) leaves a dead m KiB array behind that the
/// process still holds until a full garbage collection reclaims it. Such memory is released with
/// <c>heldUntilCollected</c> and stays counted against the budget until a gen-2 collection that started after the
/// release has finished; when it is the only thing keeping the head of the queue out, the budget runs that collection
/// itself, so the budget bounds the memory the process really holds, not only the memory of running hashes.
/// </remarks>
internal sealed class Argon2MemoryBudget
{
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly Queue<Uncollected> _uncollected = new();
    private readonly long _totalKiB;
    private readonly int _maxConcurrency;
    private readonly int _maxQueueLength;
    private readonly TimeSpan _queueTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly HashingMetrics? _metrics;
    private long _inUseKiB;
    private long _uncollectedKiB;
    private long _releaseSequence;
    private long _peakKiB;
    private int _running;
    private int _peakRunning;
    private int _collecting;
    private int _forcedCollections;

    public Argon2MemoryBudget(long totalKiB, int maxQueueLength, TimeSpan queueTimeout, TimeProvider timeProvider, HashingMetrics? metrics, int maxConcurrency = int.MaxValue)
    {
        _totalKiB = totalKiB;
        _maxConcurrency = maxConcurrency;
        _maxQueueLength = maxQueueLength;
        _queueTimeout = queueTimeout;
        _timeProvider = timeProvider;
        _metrics = metrics;
    }

    public long TotalKiB => _totalKiB;

    public int MaxConcurrency => _maxConcurrency;

    /// <summary>Gets the memory of the operations running now.</summary>
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

    /// <summary>Gets the memory of finished operations that the garbage collector has not reclaimed yet.</summary>
    public long UncollectedKiB
    {
        get
        {
            lock (_gate)
            {
                ForgetCollectedLocked();
                return _uncollectedKiB;
            }
        }
    }

    /// <summary>Gets the most memory ever held at once (running plus not yet collected); for tests and diagnostics.</summary>
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

    /// <summary>Gets the most operations ever granted at once; for tests and diagnostics.</summary>
    public int PeakRunning
    {
        get
        {
            lock (_gate)
            {
                return _peakRunning;
            }
        }
    }

    /// <summary>Gets how many gen-2 collections the budget ran to reclaim finished operations' memory.</summary>
    public int ForcedCollections => Volatile.Read(ref _forcedCollections);

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

    /// <summary>Takes <paramref name="kib"/> and a run slot, waiting in the queue when needed.</summary>
    /// <returns>The outcome; only <see cref="AdmissionOutcome.Granted"/> must be followed by <see cref="Release"/>.</returns>
    public ValueTask<AdmissionOutcome> AcquireAsync(long kib, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = TryAdmit(kib, mayCollectFirst: true, out var waiter, out var collect);
        if (outcome is null && waiter is null)
        {
            Collect();
            outcome = TryAdmit(kib, mayCollectFirst: false, out waiter, out collect);
        }

        if (outcome is { } immediate)
        {
            return ValueTask.FromResult(immediate);
        }

        var queued = WaitAsync(waiter!, cancellationToken);
        if (collect)
        {
            CollectAndGrant();
        }

        return new ValueTask<AdmissionOutcome>(queued);
    }

    /// <summary>Gives back a granted run slot and its memory.</summary>
    /// <param name="kib">The memory that was granted.</param>
    /// <param name="heldUntilCollected">
    /// <see langword="true"/> when the operation left its memory on the managed heap: it stays counted until a full
    /// garbage collection has reclaimed it.
    /// </param>
    public void Release(long kib, bool heldUntilCollected = false)
    {
        bool collect;
        lock (_gate)
        {
            _running--;
            _inUseKiB -= kib;
            if (heldUntilCollected)
            {
                // A gen-2 collection already under way may not reclaim an array that was live when it started; one
                // that starts after this point will. GC.CollectionCount(2) counts collections as they start.
                _uncollected.Enqueue(new Uncollected(++_releaseSequence, GC.CollectionCount(2), kib));
                _uncollectedKiB += kib;
            }
            else
            {
                _metrics?.MemoryChanged(-kib);
            }

            GrantWaitersLocked();
            collect = NeedsCollectionLocked();
        }

        if (collect)
        {
            CollectAndGrant();
        }
    }

    // Grants or refuses the request at once (returns the outcome), or queues it (returns null and the waiter). Returns
    // null and no waiter when nothing is ahead of the request, it has a run slot and only dead arrays of finished
    // operations keep it out: the caller reclaims them and asks again rather than queueing (or, with no queue,
    // refusing) it. Sets collect when the head of the queue needs a collection to get in.
    private AdmissionOutcome? TryAdmit(long kib, bool mayCollectFirst, out Waiter? waiter, out bool collect)
    {
        waiter = null;
        collect = false;
        lock (_gate)
        {
            if (kib > _totalKiB)
            {
                // Options validation makes the budget hold every admissible request; this guards direct construction.
                return AdmissionOutcome.QueueFull;
            }

            if (_queue.Count == 0 && FitsLocked(kib))
            {
                Take(kib);
                return AdmissionOutcome.Granted;
            }

            if (mayCollectFirst && _queue.Count == 0 && _running < _maxConcurrency && _totalKiB - _inUseKiB >= kib)
            {
                return null;
            }

            if (_queue.Count >= _maxQueueLength)
            {
                return AdmissionOutcome.QueueFull;
            }

            waiter = new Waiter(kib, this);
            waiter.Node = _queue.AddLast(waiter);
            _metrics?.QueueChanged(1);

            // Memory released since a collection just run may be all that keeps this waiter out now.
            collect = NeedsCollectionLocked();
            return null;
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
        bool collect;
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
            collect = NeedsCollectionLocked();
        }

        waiter.Completion.TrySetResult(outcome);
        if (collect)
        {
            CollectAndGrant();
        }
    }

    private bool FitsLocked(long kib)
    {
        if (_running >= _maxConcurrency)
        {
            return false;
        }

        if (_totalKiB - _inUseKiB - _uncollectedKiB >= kib)
        {
            return true;
        }

        ForgetCollectedLocked();
        return _totalKiB - _inUseKiB - _uncollectedKiB >= kib;
    }

    private void GrantWaitersLocked()
    {
        while (_queue.First is { } first && FitsLocked(first.Value.Kib))
        {
            _queue.RemoveFirst();
            _metrics?.QueueChanged(-1);
            Take(first.Value.Kib);

            // RunContinuationsAsynchronously: the granted caller does not run inside this lock.
            first.Value.Completion.TrySetResult(AdmissionOutcome.Granted);
        }
    }

    // True when the head of the queue has a run slot and would fit if the finished operations' memory were reclaimed:
    // only a collection can let it in (waiting for a release would not, when nothing or too little is running).
    private bool NeedsCollectionLocked()
        => _queue.First is { } first && _uncollectedKiB > 0 && _running < _maxConcurrency
            && _totalKiB - _inUseKiB - _uncollectedKiB < first.Value.Kib
            && _totalKiB - _inUseKiB >= first.Value.Kib;

    // Drops the uncollected memory that a gen-2 collection started after its release has reclaimed: the count has
    // moved at least two past the release's, so a collection that started after the release has also finished.
    private void ForgetCollectedLocked()
    {
        var gen2 = GC.CollectionCount(2);
        while (_uncollected.TryPeek(out var head) && gen2 - head.Gen2Count >= 2)
        {
            _uncollected.Dequeue();
            Reclaimed(head.Kib);
        }
    }

    private void Reclaimed(long kib)
    {
        _uncollectedKiB -= kib;
        _metrics?.MemoryChanged(-kib);
    }

    // Runs a blocking gen-2 collection, which reclaims every array that was dead when it started, and forgets the
    // memory released before it.
    private void Collect()
    {
        long upTo;
        lock (_gate)
        {
            upTo = _releaseSequence;
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        Interlocked.Increment(ref _forcedCollections);
        lock (_gate)
        {
            while (_uncollected.TryPeek(out var head) && head.Sequence <= upTo)
            {
                _uncollected.Dequeue();
                Reclaimed(head.Kib);
            }
        }
    }

    // Collects and grants the waiters that fit now, for as long as uncollected memory keeps the head of the queue
    // out. One thread does this at a time; a release that finds the flag taken is picked up by the re-check after the
    // flag is cleared, so no waiter is left behind without a collector.
    private void CollectAndGrant()
    {
        while (Interlocked.CompareExchange(ref _collecting, 1, 0) == 0)
        {
            try
            {
                bool again;
                do
                {
                    Collect();
                    lock (_gate)
                    {
                        GrantWaitersLocked();
                        again = NeedsCollectionLocked();
                    }
                }
                while (again);
            }
            finally
            {
                Volatile.Write(ref _collecting, 0);
            }

            lock (_gate)
            {
                if (!NeedsCollectionLocked())
                {
                    return;
                }
            }
        }
    }

    private void Take(long kib)
    {
        _running++;
        _peakRunning = Math.Max(_peakRunning, _running);
        _inUseKiB += kib;
        _peakKiB = Math.Max(_peakKiB, _inUseKiB + _uncollectedKiB);
        _metrics?.MemoryChanged(kib);
    }

    private readonly record struct Uncollected(long Sequence, int Gen2Count, long Kib);

    private sealed class Waiter(long kib, Argon2MemoryBudget budget)
    {
        public long Kib { get; } = kib;

        public LinkedListNode<Waiter>? Node { get; set; }

        public void Abandon(AdmissionOutcome? outcome) => budget.Abandon(this, outcome);

        public TaskCompletionSource<AdmissionOutcome?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
