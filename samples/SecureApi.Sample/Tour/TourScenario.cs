namespace SecureApi.Sample.Tour;

/// <summary>One step of the tour: a name, what it expects in words, and the requests and checks that decide it.</summary>
/// <param name="Name">A short, unique name, printed with PASS or FAIL.</param>
/// <param name="Expected">What a correct app answers, in words.</param>
/// <param name="RunAsync">Sends the requests through the <see cref="TourContext"/> (which records what was sent) and judges what came back.</param>
internal sealed record TourScenario(string Name, string Expected, Func<TourContext, Task<TourVerdict>> RunAsync);
