namespace SecureApi.Sample.Tour;

/// <summary>
/// A feature's tour scenarios. Every non-abstract implementation in this assembly is found and run by
/// <see cref="TourRunner"/>; a feature adds one file <c>Tour/&lt;Feature&gt;Scenarios.cs</c> and nothing else.
/// </summary>
internal interface ITourScenarioSet
{
    /// <summary>Gets where the set runs in the tour; lower first. Core is 0; features use 100 and up.</summary>
    int Order { get; }

    /// <summary>Gets the scenarios, in the order they run.</summary>
    IEnumerable<TourScenario> Scenarios { get; }
}
