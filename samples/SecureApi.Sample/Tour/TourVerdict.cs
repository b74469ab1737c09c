namespace SecureApi.Sample.Tour;

/// <summary>The outcome of a scenario and what it saw.</summary>
/// <param name="Passed">Whether the app answered as expected.</param>
/// <param name="Saw">What the app answered, in a line.</param>
internal sealed record TourVerdict(bool Passed, string Saw)
{
    public static TourVerdict When(bool passed, string saw) => new(passed, saw);
}
