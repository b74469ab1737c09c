namespace SecureApi.Toolkit.Anomaly.Internal;

/// <summary>
/// The last few signals per caller, for the evidence a hook receives. Used only by the single background processor.
/// Bounded: past <see cref="MaxCallers"/> callers it starts over, which loses samples, never memory.
/// </summary>
internal sealed class RecentEvents(int sampleSize)
{
    internal const int MaxCallers = 10_000;
    private readonly Dictionary<string, Queue<AnomalyObservation>> _byCaller = new(StringComparer.Ordinal);

    public void Add(in AnomalyObservation observation)
    {
        if (sampleSize <= 0)
        {
            return;
        }

        if (!_byCaller.TryGetValue(observation.CallerId, out var queue))
        {
            if (_byCaller.Count >= MaxCallers)
            {
                _byCaller.Clear();
            }

            queue = new Queue<AnomalyObservation>(sampleSize);
            _byCaller[observation.CallerId] = queue;
        }

        if (queue.Count == sampleSize)
        {
            queue.Dequeue();
        }

        queue.Enqueue(observation);
    }

    public IReadOnlyList<AnomalyObservation> Sample(string callerId) =>
        _byCaller.TryGetValue(callerId, out var queue) ? [.. queue] : [];
}
