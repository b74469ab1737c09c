using System.Diagnostics.Metrics;

namespace SecureApi.Toolkit.FieldFiltering.Diagnostics;

/// <summary>Counts of properties removed and masked per response; no caller or type tags.</summary>
internal sealed class FieldFilteringMetrics
{
    public const string MeterName = "SecureApi.Toolkit.FieldFiltering";

    private readonly Histogram<int> _removed;
    private readonly Histogram<int> _masked;
    private readonly Counter<long> _forbiddenWrites;

    public FieldFilteringMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _removed = meter.CreateHistogram<int>("secureapi.fieldfiltering.removed", "{property}", "Properties removed or nulled in one response because the caller lacks the permission.");
        _masked = meter.CreateHistogram<int>("secureapi.fieldfiltering.masked", "{property}", "Properties masked in one response because the caller lacks the permission.");
        _forbiddenWrites = meter.CreateCounter<long>("secureapi.fieldfiltering.forbidden_writes", "{request}", "Requests whose body set a property the caller may not see.");
    }

    public void RecordResponse(int removed, int masked)
    {
        if (_removed.Enabled)
        {
            _removed.Record(removed);
        }

        if (_masked.Enabled)
        {
            _masked.Record(masked);
        }
    }

    public void ForbiddenWrite()
    {
        if (_forbiddenWrites.Enabled)
        {
            _forbiddenWrites.Add(1);
        }
    }
}
