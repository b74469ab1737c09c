using Microsoft.Extensions.Logging;

namespace SecureApi.Toolkit.Anomaly;

/// <summary>
/// The package's log messages. Callers appear as <c>CallerRef</c>, their <see cref="SecureApi.Toolkit.Callers.CallerPseudonym"/>
/// (the keyed pseudonym every package logs); no secrets.
/// </summary>
internal static partial class AnomalyLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Anomaly detected by {Detector} for caller {CallerRef}: {Count} reached {Threshold} within {Window} (shadow: {Shadow}).")]
    public static partial void Detected(ILogger logger, string detector, string callerRef, long count, long threshold, TimeSpan window, bool shadow);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Caller {CallerRef} suspended for {Duration} (reason {Reason}, offence {Offence}).")]
    public static partial void Suspended(ILogger logger, string callerRef, TimeSpan duration, string reason, int offence);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Suspension of caller {CallerRef} lifted ({LiftReason}).")]
    public static partial void Lifted(ILogger logger, string callerRef, string liftReason);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Error, Message = "Anomaly handler {Handler} failed on a {EventType} event.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, string eventType);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Error, Message = "Anomaly handler {Handler} did not finish a {EventType} event within {Timeout}; abandoned.")]
    public static partial void HandlerTimedOut(ILogger logger, string handler, string eventType, TimeSpan timeout);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Warning, Message = "Anomaly store unavailable during {Operation}; detection skipped this observation (fail open).")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 8007, Level = LogLevel.Error, Message = "Anomaly detector {Detector} threw; the observation was skipped for it.")]
    public static partial void DetectorFailed(ILogger logger, Exception exception, string detector);

    [LoggerMessage(EventId = 8008, Level = LogLevel.Warning, Message = "Anomaly hook queue full; a {EventType} event was dropped.")]
    public static partial void HookDropped(ILogger logger, string eventType);

    [LoggerMessage(EventId = 8009, Level = LogLevel.Warning, Message = "Could not load or subscribe to suspensions; the local cache may be stale until the next resynchronization.")]
    public static partial void CacheSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Information, Message = "Caller {CallerRef} is allow-listed; detection by {Detector} does not suspend it.")]
    public static partial void AllowListed(ILogger logger, string callerRef, string detector);
}
