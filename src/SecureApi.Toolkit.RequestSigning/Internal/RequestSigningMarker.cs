namespace SecureApi.Toolkit.RequestSigning;

/// <summary>Registered by <c>AddRequestSigning()</c>, so <c>UseRequestSigning()</c> can fail fast without it and a second call adds nothing twice.</summary>
internal sealed class RequestSigningMarker;
