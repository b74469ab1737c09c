using SecureApi.Toolkit.Hashing.Internal;

namespace SecureApi.Toolkit.Hashing.Tests.Internal;

public class Argon2HashingOptionsValidatorTests
{
    private static string? Validate(Action<Argon2HashingOptions> configure)
    {
        var options = new Argon2HashingOptions();
        configure(options);
        var result = new Argon2HashingOptionsValidator().Validate(null, options);
        return result.Failed ? result.FailureMessage : null;
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.Null(Validate(_ => { }));
        var defaults = new Argon2HashingOptions();
        Assert.Equal((19456, 2, 1, 16, 32), (defaults.MemoryKiB, defaults.Iterations, defaults.Parallelism, defaults.SaltLength, defaults.HashLength));
    }

    [Theory]
    [InlineData(19455, 2, "Argon2HashingOptions.MemoryKiB must be at least 19456")]
    [InlineData(19456, 1, "Argon2HashingOptions.Iterations must be at least 2")]
    [InlineData(4096, 10, "OWASP")]
    public void Validate_BelowTheOwaspFloor_FailsNamingTheOption(int memoryKiB, int iterations, string expected)
    {
        var message = Validate(o => (o.MemoryKiB, o.Iterations) = (memoryKiB, iterations));

        Assert.NotNull(message);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parallelism", "Argon2HashingOptions.Parallelism")]
    [InlineData("salt", "Argon2HashingOptions.SaltLength")]
    [InlineData("hash", "Argon2HashingOptions.HashLength")]
    [InlineData("ceiling", "VerifyPolicy ceilings")]
    [InlineData("budget", "Argon2HashingOptions.MemoryBudgetKiB")]
    [InlineData("queue", "Argon2HashingOptions.MaxQueueLength")]
    [InlineData("concurrency", "Argon2HashingOptions.MaxConcurrency")]
    [InlineData("timeout", "Argon2HashingOptions.QueueTimeout")]
    [InlineData("pepper-id", "Argon2HashingOptions.Peppers id")]
    [InlineData("pepper-short", "must be at least 16 random bytes")]
    [InlineData("current-pepper", "Argon2HashingOptions.CurrentPepperId")]
    [InlineData("sodium-p", "Argon2HashingOptions.Engine Libsodium cannot hash with these options (libsodium-parallelism-must-be-1)")]
    [InlineData("sodium-salt", "libsodium-salt-must-be-16-bytes")]
    [InlineData("sodium-pepper", "libsodium-no-secret-input")]
    [InlineData("legacy", "MaxLegacyIterations")]
    public void Validate_InvalidOption_FailsNamingTheOption(string problem, string expected)
    {
        var message = Validate(o =>
        {
            switch (problem)
            {
                case "parallelism": o.Parallelism = 0; break;
                case "salt": o.SaltLength = 4; break;
                case "hash": o.HashLength = 8; break;
                case "ceiling": o.VerifyPolicy.MaxMemoryKiB = 1024; break;
                case "budget": o.MemoryBudgetKiB = 100_000; break;
                case "queue": o.MaxQueueLength = -1; break;
                case "concurrency": o.MaxConcurrency = 0; break;
                case "timeout": o.QueueTimeout = TimeSpan.Zero; break;
                case "pepper-id": o.Peppers["not a key id"] = new byte[32]; break;
                case "pepper-short": o.Peppers["p1"] = new byte[8]; break;
                case "current-pepper": o.CurrentPepperId = "p9"; break;
                case "sodium-p": o.Engine = Argon2Engine.Libsodium; o.Parallelism = 2; break;
                case "sodium-salt": o.Engine = Argon2Engine.Libsodium; o.SaltLength = 32; break;
                case "sodium-pepper": o.Engine = Argon2Engine.Libsodium; o.Peppers["p1"] = new byte[32]; o.CurrentPepperId = "p1"; break;
                case "legacy": o.VerifyPolicy.MaxLegacyIterations = 0; break;
            }
        });

        Assert.NotNull(message);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LibsodiumWithOldPeppersButNoCurrentOne_Succeeds()
    {
        // Old peppered hashes then verify as Unsupported/EngineLimitation; new hashes need no pepper.
        Assert.Null(Validate(o => { o.Engine = Argon2Engine.Libsodium; o.Peppers["p1"] = new byte[32]; }));
    }
}
