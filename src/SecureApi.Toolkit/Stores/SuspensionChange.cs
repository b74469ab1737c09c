namespace SecureApi.Toolkit.Stores;

/// <summary>A suspension made or lifted, as told to subscribers of <see cref="ISuspensionStore.SubscribeAsync"/>.</summary>
/// <param name="CallerId">The caller whose suspension changed.</param>
/// <param name="Suspension">The suspension now in force, or <see langword="null"/> when it was lifted.</param>
/// <param name="Remaining">
/// How long the suspension still lasts when the change was published, so an instance whose clock differs from the
/// store's can compute the end by its own clock; <see cref="TimeSpan.Zero"/> for a lift.
/// </param>
public readonly record struct SuspensionChange(string CallerId, Suspension? Suspension, TimeSpan Remaining);
