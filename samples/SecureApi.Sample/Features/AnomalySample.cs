using System.Collections.Concurrent;
using System.Net;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Anomaly;
using SecureApi.Toolkit.Anomaly.Detection;
using SecureApi.Toolkit.Anomaly.Hooks;
using SecureApi.Toolkit.Anomaly.Suspensions;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Sample.Features;

/// <summary>
/// Anomaly detection in the sample: five bad sign-ins suspend a caller, with a cool-down kept short (2 s, doubling
/// per offence) so the tour can watch it end. The sample trusts a proxy on loopback so that the tour can act as
/// several clients through <c>X-Forwarded-For</c>; the tour's own loopback address is allow-listed, so the other
/// features' tours (rate limits, bad signatures) never get it suspended.
/// </summary>
internal static class AnomalySample
{
    /// <summary>The demo sign-in's only valid password.</summary>
    public const string DemoPassword = "correct horse battery staple";

    public static void AddAnomaly(SecureApiBuilder api)
    {
        var alerts = new AnomalyAlerts();
        api.Services.AddSingleton(alerts);
        api.Services.Configure<ApiCallerOptions>(o =>
        {
            o.TrustedProxies.Add(IPAddress.Loopback);
            o.TrustedProxies.Add(IPAddress.IPv6Loopback);
        });

        api.AddAnomalyDetection(o =>
        {
            o.Detector<ThresholdDetectorOptions>(AnomalyOptions.CredentialFailuresDetector).MaxRetry = 5;
            o.Suspension.BaseDuration = TimeSpan.FromSeconds(2);
            o.Suspension.Multiplier = 2;
            o.Suspension.MaxDuration = TimeSpan.FromMinutes(1);
            o.Suspension.Jitter = 0;
            o.AllowedNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
            o.AllowedNetworks.Add(System.Net.IPNetwork.Parse("::1/128"));

            // The hooks: a real app would alert, audit or lock an account here.
            o.OnDetected = (e, _) => alerts.Add(e);
            o.OnSuspended = (e, _) => alerts.Add(e);
            o.OnLifted = (e, _) => alerts.Add(e);
        });
    }

    public static void MapAnomaly(WebApplication app)
    {
        var group = app.MapGroup("/anomaly").WithTags("Anomaly");

        // A stand-in for a real credential check: a wrong password reports AuthenticationFailed about the caller.
        group.MapPost("/sign-in", (SignIn body, HttpContext context) =>
        {
            if (body.Password == DemoPassword)
            {
                return Results.Ok(new { signedIn = body.User });
            }

            context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.AuthenticationFailed, "bad-password"));
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong user name or password.");
        });

        // What the hooks received, for the operator on the machine only (direct loopback connections).
        group.MapGet("/alerts", (HttpContext context, AnomalyAlerts alerts) =>
            IsLocalOperator(context) ? Results.Ok(alerts.Recent()) : Results.NotFound());

        group.MapDelete("/suspensions/{callerId}", async (string callerId, HttpContext context, ISuspensionService suspensions) =>
            IsLocalOperator(context) && await suspensions.LiftAsync(callerId) ? Results.NoContent() : Results.NotFound());
    }

    private static bool IsLocalOperator(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address) && !context.Request.Headers.ContainsKey("X-Forwarded-For");

    internal sealed record SignIn(string? User, string? Password);

    /// <summary>The last hook events, as the sample's hooks recorded them.</summary>
    internal sealed class AnomalyAlerts
    {
        private readonly ConcurrentQueue<object> _events = new();

        public Task Add(AnomalyEvent e)
        {
            _events.Enqueue(new
            {
                type = e.Type.ToString(),
                callerId = e.CallerId,
                detector = e.Detector,
                shadow = e.Shadow,
                count = e.Evidence?.Count,
                threshold = e.Evidence?.Threshold,
                windowSeconds = e.Evidence?.Window.TotalSeconds,
                recent = e.Evidence?.RecentEvents.Select(r => new { kind = r.Signal?.ToString(), reason = r.Reason, at = r.Timestamp }),
                suspendedForSeconds = e.Suspension?.Duration.TotalSeconds,
                liftReason = e.LiftReason,
            });
            while (_events.Count > 100)
            {
                _events.TryDequeue(out _);
            }

            return Task.CompletedTask;
        }

        public IReadOnlyList<object> Recent() => [.. _events];
    }
}
