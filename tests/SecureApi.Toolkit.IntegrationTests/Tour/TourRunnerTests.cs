using SecureApi.Sample.Tour;

namespace SecureApi.Toolkit.IntegrationTests.Tour;

public class TourRunnerTests
{
    [Fact]
    public async Task RunAsync_InMemoryDefault_EveryScenarioPasses()
    {
        using var output = new StringWriter();

        var exitCode = await TourRunner.RunAsync([], output);

        var report = output.ToString();
        Assert.True(exitCode == 0, report);
        var scenarios = TourRunner.Discover();
        Assert.Contains(scenarios, s => s.Name == "core: an unknown route is a problem+json 404");
        foreach (var scenario in scenarios)
        {
            Assert.Contains($"PASS  {scenario.Name}{Environment.NewLine}", report, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("FAIL", report, StringComparison.Ordinal);
        Assert.Contains($"Tour: {scenarios.Count} passed, 0 failed", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailingAndThrowingScenarios_ReportsFailExitsNonZeroAndStopsServer()
    {
        using var output = new StringWriter();
        Uri? served = null;
        TourScenario[] scenarios =
        [
            new("wrong expectation", "a 418", async tour =>
            {
                served = tour.Http.BaseAddress;
                var response = await tour.GetAsync("/customers");
                return TourVerdict.When(response.Status == 418, response.Summary);
            }),
            new("throws", "no exception", _ => throw new InvalidOperationException("scenario broke")),
            new("passes", "200", async tour => TourVerdict.When((await tour.GetAsync("/customers")).Status == 200, "ok")),
        ];

        var exitCode = await TourRunner.RunAsync([], output, scenarios);

        var report = output.ToString();
        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL  wrong expectation", report, StringComparison.Ordinal);
        Assert.Contains("saw:      200 application/json", report, StringComparison.Ordinal);
        Assert.Contains("FAIL  throws", report, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: scenario broke", report, StringComparison.Ordinal);
        Assert.Contains("PASS  passes", report, StringComparison.Ordinal);
        Assert.Contains("Tour: 1 passed, 2 failed", report, StringComparison.Ordinal);

        // The server is gone once the tour returns.
        Assert.NotNull(served);
        using var http = new HttpClient { BaseAddress = served };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/customers"));
    }

    [Fact]
    public async Task RunAsync_ScenarioSkipped_ReportsSkipWithWhyAndExitsZero()
    {
        using var output = new StringWriter();
        TourScenario[] scenarios =
        [
            new("needs a tool", "runs", _ => Task.FromResult(TourVerdict.Skip("the tool is not on PATH; install it"))),
            new("passes", "200", async tour => TourVerdict.When((await tour.GetAsync("/customers")).Status == 200, "ok")),
        ];

        var exitCode = await TourRunner.RunAsync([], output, scenarios);

        var report = output.ToString();
        Assert.True(exitCode == 0, report);
        Assert.Contains("SKIP  needs a tool", report, StringComparison.Ordinal);
        Assert.Contains("saw:      the tool is not on PATH; install it", report, StringComparison.Ordinal);
        Assert.Contains("Tour: 1 passed, 0 failed, 1 skipped, 2 scenarios.", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FilterMatchesNothing_ExitsWithTwo()
    {
        using var output = new StringWriter();

        var exitCode = await TourRunner.RunAsync(["--filter", "no scenario has this name"], output);

        Assert.Equal(2, exitCode);
        Assert.Contains("No tour scenario matches", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SampleFailsToStart_ReportsWhyAndExitsWithTwo()
    {
        using var output = new StringWriter();

        // Options are validated at start-up: a command timeout above the Redis package's ceiling stops the host.
        var exitCode = await TourRunner.RunAsync(["--ConnectionStrings:Redis=127.0.0.1:1", "--SecureApi:Redis:CommandTimeout=00:01:00"], output);

        Assert.Equal(2, exitCode);
        Assert.Contains("The sample did not start", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("RedisOptions.CommandTimeout", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_FindsEveryScenarioSet_WithUniqueNames()
    {
        var names = TourRunner.Discover().Select(s => s.Name).ToList();

        // Scenarios are reported and asserted by name, so two sets must not reuse one.
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("core: the sample answers GET /customers", names[0]);
    }
}
