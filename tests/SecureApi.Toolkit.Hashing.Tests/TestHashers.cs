using SecureApi.Toolkit.Hashing.Engines;
using SecureApi.Toolkit.Hashing.Internal;

namespace SecureApi.Toolkit.Hashing.Tests;

/// <summary>Builds hashers with small parameters so tests stay fast on a shared 2-core machine.</summary>
internal static class TestHashers
{
    public const int SmallMemoryKiB = 64;

    public static Argon2HashingOptions SmallOptions(Action<Argon2HashingOptions>? configure = null)
    {
        var options = new Argon2HashingOptions
        {
            MemoryKiB = SmallMemoryKiB,
            Iterations = 2,
            Parallelism = 1,
            MemoryBudgetKiB = 1_048_576,

            // Tests that hold several computations at a gate need more run slots than this machine has cores; the
            // tests of the cap set it themselves.
            MaxConcurrency = 64,
        };
        configure?.Invoke(options);

        // Every rule except the OWASP floor, which these small test parameters are below on purpose.
        var failures = Argon2HashingOptionsValidator.ValidateParameters(options);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        return options;
    }

    public static Argon2CredentialHasher Create(
        Action<Argon2HashingOptions>? configure = null,
        IArgon2Engine? engine = null,
        TimeProvider? timeProvider = null,
        HashingMetrics? metrics = null)
    {
        var options = SmallOptions(configure);
        return new Argon2CredentialHasher(options, engine ?? Argon2EngineFactory.Create(options.Engine), timeProvider, metrics: metrics);
    }
}
