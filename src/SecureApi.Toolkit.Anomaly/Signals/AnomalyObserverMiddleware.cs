using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Anomaly.Signals;

/// <summary>
/// The outermost part: after the response, reports 404, 400 and 5xx (and, when a burst detector is configured, every
/// request) as observations. A normal response costs two timestamps and a comparison; nothing is allocated.
/// </summary>
internal sealed class AnomalyObserverMiddleware
{
    private readonly RequestDelegate _next;
    private readonly SignalQueue _queue;
    private readonly TimeProvider _time;
    private readonly bool _observeResponses;
    private readonly bool _countRequests;

    public AnomalyObserverMiddleware(RequestDelegate next, SignalQueue queue, TimeProvider time, IOptions<AnomalyOptions> options)
    {
        _next = next;
        _queue = queue;
        _time = time;
        _observeResponses = options.Value.ObserveResponses;
        _countRequests = options.Value.Detectors.Any(d => d is BurstDetectorOptions);
    }

    public Task InvokeAsync(HttpContext context)
    {
        var started = _time.GetTimestamp();
        Task task;
        try
        {
            task = _next(context);
        }
        catch
        {
            Observe(context, started, failed: true);
            throw;
        }

        if (task.IsCompletedSuccessfully)
        {
            Observe(context, started, failed: false);
            return Task.CompletedTask;
        }

        return AwaitAndObserve(task, context, started);
    }

    internal static SecuritySignalKind? Classify(int statusCode) => statusCode switch
    {
        StatusCodes.Status404NotFound => SecuritySignalKind.NotFound,
        StatusCodes.Status400BadRequest => SecuritySignalKind.BadRequest,
        >= 500 => SecuritySignalKind.ServerError,
        _ => null,
    };

    private async Task AwaitAndObserve(Task task, HttpContext context, long started)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            Observe(context, started, failed: true);
            throw;
        }

        Observe(context, started, failed: false);
    }

    private void Observe(HttpContext context, long started, bool failed)
    {
        var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        var kind = _observeResponses ? Classify(status) : null;
        if (kind is not null && context.Features.Get<ResponseSignalReported>() is not null)
        {
            kind = null;
        }
        if (kind is null && !_countRequests)
        {
            return;
        }

        var caller = context.GetApiCaller();
        var elapsed = _time.GetElapsedTime(started);
        var now = _time.GetUtcNow();
        if (_countRequests)
        {
            _queue.Write(new AnomalyObservation(caller.Id, caller.Kind, caller.RemoteAddress, null, null, 1, null, status, elapsed, now));
        }

        if (kind is { } signal)
        {
            // A 404's path is the resource the caller probed, which is what enumeration detection counts.
            var resource = signal == SecuritySignalKind.NotFound ? context.Request.Path.Value : null;
            _queue.Write(new AnomalyObservation(caller.Id, caller.Kind, caller.RemoteAddress, signal, StatusReason(status), 1, resource, status, elapsed, now));
        }
    }

    private static string StatusReason(int status) => status switch
    {
        404 => "status-404",
        400 => "status-400",
        500 => "status-500",
        502 => "status-502",
        503 => "status-503",
        504 => "status-504",
        _ => "status-5xx",
    };
}
