namespace SecureApi.Toolkit.Stores;

/// <summary>A caller's suspension: who, why, and until when (times by the store's clock).</summary>
/// <param name="CallerId">The suspended caller's id.</param>
/// <param name="Reason">A stable reason code, for example the detector's name or <c>manual</c>.</param>
/// <param name="SuspendedAt">When the suspension started.</param>
/// <param name="ExpiresAt">When it ends by itself.</param>
/// <param name="Offence">Which offence of the caller within the offence memory this is; 1 for the first.</param>
public sealed record Suspension(string CallerId, string Reason, DateTimeOffset SuspendedAt, DateTimeOffset ExpiresAt, int Offence)
{
    /// <summary>Gets how long the suspension lasts in all.</summary>
    public TimeSpan Duration => ExpiresAt - SuspendedAt;
}
