namespace SecureApi.Toolkit.Signals;

/// <summary>
/// One security-relevant event about the current caller. A small struct passed by reference, so reporting
/// allocates nothing. <see cref="Reason"/> is a stable reason code (a constant string), never secret material.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Reason">A stable reason code, for example <c>"expired"</c>; never a secret, token or key.</param>
/// <param name="Weight">How much the event counts in weighted detectors; 1 unless the reporter says otherwise.</param>
/// <param name="ResourceId">The resource the caller touched, for enumeration detection, when known.</param>
public readonly record struct SecuritySignal(SecuritySignalKind Kind, string? Reason = null, int Weight = 1, string? ResourceId = null);
