using SecureApi.Sample.Features;

namespace SecureApi.Sample.Tour;

/// <summary>
/// Starts the sample with Kestrel on a free loopback port, runs every <see cref="ITourScenarioSet"/> over real HTTP,
/// prints for each scenario what it sent, expected and saw with PASS, FAIL or SKIP (a tool it needs is missing here),
/// and always stops the server.
/// </summary>
internal static class TourRunner
{
    /// <summary>Runs the tour.</summary>
    /// <param name="args">
    /// <c>--filter &lt;text&gt;</c> runs only the scenarios whose name contains the text; <c>--verbose</c> keeps the
    /// app's console logs; everything else is passed to the app as command-line configuration
    /// (for example <c>--ConnectionStrings:Redis=127.0.0.1:6379</c>).
    /// </param>
    /// <param name="output">Where the report goes.</param>
    /// <param name="cancellationToken">Stops the tour.</param>
    /// <returns>0 when no scenario failed (skipped ones do not fail the tour), 1 when one failed, 2 when the sample did not start or no scenario ran.</returns>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, Discover(), cancellationToken);

    /// <summary>Runs the tour with the given scenarios instead of the discovered ones (for tests of the runner).</summary>
    internal static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, IReadOnlyList<TourScenario> allScenarios, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(allScenarios);

        var (appArgs, filter, verbose) = Parse(args);
        var scenarios = allScenarios.Where(s => filter is null || s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        if (scenarios.Count == 0)
        {
            await output.WriteLineAsync($"No tour scenario matches '{filter}'.");
            return 2;
        }

        var app = Program.BuildApp(appArgs, builder =>
        {
            // Port 0: the OS picks a free port, so the tour never collides with a running sample or another tour.
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            if (!verbose)
            {
                builder.Logging.ClearProviders();
            }
        });

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await output.WriteLineAsync($"The sample did not start: {e.GetType().Name}: {e.Message}");
                return 2;
            }

            try
            {
                return await RunScenariosAsync(app, scenarios, output, cancellationToken);
            }
            finally
            {
                // Always take the server down, whatever the scenarios did.
                await app.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Finds every scenario set in this assembly, ordered by <see cref="ITourScenarioSet.Order"/> then name.</summary>
    /// <returns>All scenarios, in the order the tour runs them.</returns>
    public static IReadOnlyList<TourScenario> Discover() =>
    [
        .. typeof(TourRunner).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITourScenarioSet).IsAssignableFrom(t))
            .Select(t => (ITourScenarioSet)Activator.CreateInstance(t, nonPublic: true)!)
            .OrderBy(s => s.Order)
            .ThenBy(s => s.GetType().Name, StringComparer.Ordinal)
            .SelectMany(s => s.Scenarios),
    ];

    private static async Task<int> RunScenariosAsync(WebApplication app, List<TourScenario> scenarios, TextWriter output, CancellationToken cancellationToken)
    {
        var baseAddress = new Uri(app.Urls.First());
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var tour = new TourContext(http, app.Configuration, app.Services);

        // Never print the connection string itself: it may carry a password.
        var stores = RedisSample.ConnectionString(app.Configuration) is null ? "in memory (embedded default)" : "Redis (configured)";
        await output.WriteLineAsync($"SecureApi.Sample tour against {baseAddress}, stores: {stores}");
        await output.WriteLineAsync();

        var failed = 0;
        var skipped = 0;
        foreach (var scenario in scenarios)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tour.BeginScenario();
            TourVerdict verdict;
            try
            {
                verdict = await scenario.RunAsync(tour);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // A scenario that throws (no answer, unexpected JSON shape) is a failed scenario, not a crashed tour.
                verdict = new TourVerdict(false, $"{e.GetType().Name}: {e.Message}");
            }

            if (verdict.Skipped)
            {
                skipped++;
            }
            else if (!verdict.Passed)
            {
                failed++;
            }

            await output.WriteLineAsync($"{(verdict.Skipped ? "SKIP" : verdict.Passed ? "PASS" : "FAIL")}  {scenario.Name}");
            await output.WriteLineAsync($"      sent:     {(tour.Sent.Count == 0 ? "(nothing)" : string.Join(Environment.NewLine + "                ", tour.Sent))}");
            await output.WriteLineAsync($"      expected: {scenario.Expected}");
            await output.WriteLineAsync($"      saw:      {verdict.Saw}");
            await output.WriteLineAsync();
        }

        var skippedNote = skipped == 0 ? string.Empty : $", {skipped} skipped";
        await output.WriteLineAsync($"Tour: {scenarios.Count - failed - skipped} passed, {failed} failed{skippedNote}, {scenarios.Count} scenarios.");
        return failed == 0 ? 0 : 1;
    }

    private static (string[] AppArgs, string? Filter, bool Verbose) Parse(IReadOnlyList<string> args)
    {
        var appArgs = new List<string>();
        string? filter = null;
        var verbose = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--verbose":
                    verbose = true;
                    break;
                case "--filter" when i + 1 < args.Count:
                    filter = args[++i];
                    break;
                default:
                    appArgs.Add(args[i]);
                    break;
            }
        }

        return ([.. appArgs], filter, verbose);
    }
}
