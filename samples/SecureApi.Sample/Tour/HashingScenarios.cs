using SecureApi.Sample.Data;

namespace SecureApi.Sample.Tour;

/// <summary>Passwords: register, log in, a wrong password, an unknown user, a legacy hash upgraded, a hostile hash refused.</summary>
internal sealed class HashingScenarios : ITourScenarioSet
{
    private const string Password = "correct horse battery staple";

    // What an attacker with write access to the user table could plant: 4 GiB and 2^32-1 passes per login attempt.
    private const string HostileHash = "$argon2id$v=19$m=4194304,t=4294967295,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    public int Order => 300;

    public IEnumerable<TourScenario> Scenarios =>
    [
        new(
            "hashing: a user registers and the password is stored as Argon2id",
            "POST /accounts answers 201; the stored value is a PHC string $argon2id$v=19$m=19456,t=2,p=1$…",
            async tour =>
            {
                var created = await tour.PostJsonAsync("/accounts", new { userName = "tour-alice", password = Password });
                var stored = Accounts(tour).FindHash("tour-alice");
                var ok = created.Status == 201 && stored is not null && stored.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", StringComparison.Ordinal);
                return TourVerdict.When(ok, $"{created.Summary}; stored {Describe(stored)}");
            }),

        new(
            "hashing: the user logs in with the right password",
            "POST /accounts/login answers 200 with rehashed false",
            async tour =>
            {
                await Register(tour, "tour-bob");
                var response = await tour.PostJsonAsync("/accounts/login", new { userName = "tour-bob", password = Password });
                var ok = response.Status == 200 && response.Json is { } json && json.GetProperty("rehashed").GetBoolean() == false;
                return TourVerdict.When(ok, response.Summary);
            }),

        new(
            "hashing: a wrong password is a problem+json 401",
            "401 application/problem+json with reason invalid-credentials",
            async tour =>
            {
                await Register(tour, "tour-carol");
                var response = await tour.PostJsonAsync("/accounts/login", new { userName = "tour-carol", password = Password + "!" });
                return TourVerdict.When(response.IsProblem(401) && response.Body.Contains("invalid-credentials", StringComparison.Ordinal), response.Summary);
            }),

        new(
            "hashing: an unknown user gets the same 401 as a wrong password",
            "401 application/problem+json with reason invalid-credentials, the same body as for a wrong password",
            async tour =>
            {
                await Register(tour, "tour-dave");
                var wrong = await tour.PostJsonAsync("/accounts/login", new { userName = "tour-dave", password = "not the password" });
                var unknown = await tour.PostJsonAsync("/accounts/login", new { userName = "tour-nobody", password = "not the password" });
                return TourVerdict.When(unknown.IsProblem(401) && unknown.Body == wrong.Body, unknown.Summary);
            }),

        new(
            "hashing: a weaker stored hash is upgraded on login",
            "a user stored with m=256,t=3 logs in (200, rehashed true) and is then stored with m=19456,t=2",
            async tour =>
            {
                // Row 9 of the shared Argon2 vectors: "password" under m=256, t=3 (libsodium's test suite).
                Accounts(tour).SetHash("tour-legacy", "$argon2id$v=19$m=256,t=3,p=1$MDEyMzQ1Njc$G5ajKFCoUzaXRLdz7UJb5wGkb2Xt+X5/GQjUYtS2+TE");
                var response = await tour.PostJsonAsync("/accounts/login", new { userName = "tour-legacy", password = "password" });
                var stored = Accounts(tour).FindHash("tour-legacy");
                var ok = response.Status == 200 && response.Json is { } json && json.GetProperty("rehashed").GetBoolean()
                    && stored is not null && stored.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", StringComparison.Ordinal);
                return TourVerdict.When(ok, $"{response.Summary}; stored {Describe(stored)}");
            }),

        new(
            "hashing: a hostile stored hash is refused quickly",
            "a stored m=4194304 (4 GiB), t=4294967295 hash makes login answer 401 problem+json within 5 s (really computing it would take far longer)",
            async tour =>
            {
                Accounts(tour).SetHash("tour-mallory", HostileHash);
                var started = TimeProvider.System.GetTimestamp();
                var response = await tour.PostJsonAsync("/accounts/login", new { userName = "tour-mallory", password = "password" });
                var elapsed = TimeProvider.System.GetElapsedTime(started);

                // The bound leaves room for a loaded machine's HTTP round trip; a hash that was really computed takes far longer.
                return TourVerdict.When(response.IsProblem(401) && elapsed < TimeSpan.FromSeconds(5), $"{response.Summary} in {elapsed.TotalMilliseconds:F0} ms");
            }),
    ];

    private static AccountStore Accounts(TourContext tour) => tour.Services.GetRequiredService<AccountStore>();

    private static async Task Register(TourContext tour, string userName)
    {
        var created = await tour.PostJsonAsync("/accounts", new { userName, password = Password });
        if (created.Status != 201)
        {
            throw new InvalidOperationException($"Registering {userName} failed: {created.Summary}");
        }
    }

    // The parameters only: the salt and tag stay out of the tour's output.
    private static string Describe(string? phc) => phc is null ? "(nothing)" : string.Join('$', phc.Split('$').Take(4)) + "$…";
}
