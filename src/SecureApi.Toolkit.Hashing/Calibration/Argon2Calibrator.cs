using System.Security.Cryptography;
using SecureApi.Toolkit.Hashing.Engines;

namespace SecureApi.Toolkit.Hashing.Calibration;

/// <summary>
/// Measures this machine and proposes the strongest Argon2id parameters whose single-hash latency stays under a
/// budget: memory first (doubling m from the OWASP floor, since memory is what makes attacks expensive), then passes.
/// Run it at deployment or in a tool, not under load: each step is a real hash outside the memory budget.
/// </summary>
public static class Argon2Calibrator
{
    private const int MaxIterations = 10;

    /// <summary>Measures and proposes parameters.</summary>
    /// <param name="latencyBudget">The longest one hash may take, for example 250 ms.</param>
    /// <param name="engine">The engine to measure.</param>
    /// <param name="maxMemoryKiB">The largest m to consider, in KiB.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The proposal and its measured latency.</returns>
    public static Argon2CalibrationResult Calibrate(TimeSpan latencyBudget, Argon2Engine engine = Argon2Engine.Konscious, int maxMemoryKiB = 1_048_576, TimeProvider? timeProvider = null)
        => Calibrate(latencyBudget, Argon2EngineFactory.Create(engine), maxMemoryKiB, timeProvider ?? TimeProvider.System);

    internal static Argon2CalibrationResult Calibrate(TimeSpan latencyBudget, IArgon2Engine engine, int maxMemoryKiB, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(latencyBudget, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMemoryKiB, Argon2HashingOptions.MinimumMemoryKiB);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var memory = Argon2HashingOptions.MinimumMemoryKiB;
        var iterations = Argon2HashingOptions.MinimumIterations;

        // One warm-up so JIT and first-touch page faults do not count against the floor.
        Measure(engine, new Argon2Cost(memory, iterations, 1), timeProvider);
        var latency = Measure(engine, new Argon2Cost(memory, iterations, 1), timeProvider);
        if (latency > latencyBudget)
        {
            return new Argon2CalibrationResult(memory, iterations, 1, latency, WithinBudget: false);
        }

        while ((long)memory * 2 <= maxMemoryKiB)
        {
            var candidate = Measure(engine, new Argon2Cost(memory * 2, iterations, 1), timeProvider);
            if (candidate > latencyBudget)
            {
                break;
            }

            memory *= 2;
            latency = candidate;
        }

        while (iterations < MaxIterations)
        {
            var candidate = Measure(engine, new Argon2Cost(memory, iterations + 1, 1), timeProvider);
            if (candidate > latencyBudget)
            {
                break;
            }

            iterations++;
            latency = candidate;
        }

        return new Argon2CalibrationResult(memory, iterations, 1, latency, WithinBudget: true);
    }

    private static TimeSpan Measure(IArgon2Engine engine, Argon2Cost cost, TimeProvider timeProvider)
    {
        Span<byte> password = stackalloc byte[16];
        Span<byte> salt = stackalloc byte[16];
        Span<byte> tag = stackalloc byte[32];
        RandomNumberGenerator.Fill(password);
        RandomNumberGenerator.Fill(salt);
        var started = timeProvider.GetTimestamp();
        engine.Compute(password, salt, [], [], cost, tag);
        return timeProvider.GetElapsedTime(started);
    }
}
