using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SecureApi.Toolkit.Hashing.Internal;

/// <summary>The meter <c>SecureApi.Toolkit.Hashing</c>. Tags carry stable codes only, never per-caller values.</summary>
internal sealed class HashingMetrics
{
    public const string MeterName = "SecureApi.Toolkit.Hashing";

    private readonly Counter<long> _operations;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _queueLength;
    private readonly UpDownCounter<long> _memoryInUse;

    public HashingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _operations = meter.CreateCounter<long>("secureapi.hashing.operations", "{operation}", "Hash and verify operations by outcome.");
        _rejections = meter.CreateCounter<long>("secureapi.hashing.rejections", "{operation}", "Operations refused before any hashing: malformed or hostile stored hashes, unsupported ones, overload.");
        _duration = meter.CreateHistogram<double>("secureapi.hashing.duration", "s", "Duration of hash and verify operations, queueing included.");
        _queueLength = meter.CreateUpDownCounter<long>("secureapi.hashing.queue.length", "{operation}", "Operations waiting for memory.");
        _memoryInUse = meter.CreateUpDownCounter<long>("secureapi.hashing.memory.in_use", "KiBy", "Memory taken from the hashing budget.");
    }

    public void Operation(string operation, string outcome, double seconds)
    {
        if (_operations.Enabled)
        {
            _operations.Add(1, new TagList { { "operation", operation }, { "outcome", outcome } });
        }

        if (_duration.Enabled)
        {
            _duration.Record(seconds, new TagList { { "operation", operation } });
        }
    }

    public void Rejection(string operation, string reason)
    {
        if (_rejections.Enabled)
        {
            _rejections.Add(1, new TagList { { "operation", operation }, { "reason", reason } });
        }
    }

    public void QueueChanged(long delta) => _queueLength.Add(delta);

    public void MemoryChanged(long deltaKiB) => _memoryInUse.Add(deltaKiB);
}
