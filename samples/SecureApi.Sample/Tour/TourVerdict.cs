namespace SecureApi.Sample.Tour;

/// <summary>The outcome of a scenario and what it saw.</summary>
/// <param name="Passed">Whether the app answered as expected.</param>
/// <param name="Saw">What the app answered, in a line.</param>
/// <param name="Skipped">
/// Whether the scenario could not run on this machine (a tool it needs is missing). A skip is neither a pass nor a
/// failure: the quick-start tour must succeed on a fresh machine, and the report says what to install.
/// </param>
internal sealed record TourVerdict(bool Passed, string Saw, bool Skipped = false)
{
    public static TourVerdict When(bool passed, string saw) => new(passed, saw);

    public static TourVerdict Skip(string why) => new(false, why, Skipped: true);
}
