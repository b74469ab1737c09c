namespace SecureApi.Toolkit.Stores;

/// <summary>The answer of <see cref="ISuspensionStore.SuspendAsync"/>.</summary>
/// <param name="Suspension">The suspension in force after the call.</param>
/// <param name="Created"><see langword="true"/> when the call created (or replaced) it; <see langword="false"/> when one was already in force.</param>
/// <param name="Remaining">How long the suspension still lasts, by the store's clock, so a caller whose clock differs can compute the end by its own.</param>
public readonly record struct SuspensionOutcome(Suspension Suspension, bool Created, TimeSpan Remaining);
