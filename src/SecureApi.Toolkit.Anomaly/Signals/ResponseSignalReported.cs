namespace SecureApi.Toolkit.Anomaly.Signals;

/// <summary>
/// Marks a request whose handler already reported a NotFound, BadRequest or ServerError signal (usually with a better
/// resource id than the path), so the observer does not report the same response a second time.
/// </summary>
internal sealed class ResponseSignalReported
{
    public static readonly ResponseSignalReported Instance = new();

    private ResponseSignalReported()
    {
    }
}
