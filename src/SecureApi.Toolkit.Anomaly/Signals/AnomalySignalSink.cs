using Microsoft.AspNetCore.Http;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Signals;

/// <summary>Replaces core's no-op sink: each signal becomes an observation about the current caller, queued for the processor.</summary>
internal sealed class AnomalySignalSink(SignalQueue queue, TimeProvider time) : ISecuritySignalSink
{
    public void Publish(HttpContext context, in SecuritySignal signal)
    {
        // The app reported the response's own outcome; the observer then does not count the same response again.
        if (signal.Kind is SecuritySignalKind.NotFound or SecuritySignalKind.BadRequest or SecuritySignalKind.ServerError)
        {
            context.Features.Set(ResponseSignalReported.Instance);
        }

        var caller = context.GetApiCaller();
        queue.Write(new AnomalyObservation(
            caller.Id,
            caller.Kind,
            caller.RemoteAddress,
            signal.Kind,
            signal.Reason,
            signal.Weight,
            signal.ResourceId,
            StatusCode: 0,
            Elapsed: TimeSpan.Zero,
            time.GetUtcNow()));
    }
}
