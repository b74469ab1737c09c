using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Tests.Infrastructure;

internal static class Observations
{
    public static AnomalyObservation Signal(TimeProvider time, SecuritySignalKind kind, string caller = "ip:203.0.113.7", int weight = 1, string? resource = null) =>
        new(caller, ApiCallerKind.AnonymousAddress, null, kind, "test", weight, resource, 0, TimeSpan.Zero, time.GetUtcNow());

    public static AnomalyObservation Request(TimeProvider time, string caller = "ip:203.0.113.7") =>
        new(caller, ApiCallerKind.AnonymousAddress, null, null, null, 1, null, 200, TimeSpan.Zero, time.GetUtcNow());
}
