namespace SecureApi.Toolkit.Hashing.Calibration;

/// <summary>The parameters <see cref="Argon2Calibrator"/> proposes for this machine.</summary>
/// <param name="MemoryKiB">The proposed m, in KiB.</param>
/// <param name="Iterations">The proposed t.</param>
/// <param name="Parallelism">The proposed p (always 1: lanes buy an attacker as much as a defender, and p = 1 works on every engine).</param>
/// <param name="MeasuredLatency">How long one hash with the proposed parameters took here.</param>
/// <param name="WithinBudget">
/// <see langword="false"/> when even the OWASP floor (m = 19456 KiB, t = 2) takes longer than the budget; the floor
/// is proposed anyway, never anything weaker.
/// </param>
public sealed record Argon2CalibrationResult(int MemoryKiB, int Iterations, int Parallelism, TimeSpan MeasuredLatency, bool WithinBudget)
{
    /// <summary>Copies the proposed parameters into <paramref name="options"/>.</summary>
    /// <param name="options">The options to update.</param>
    public void ApplyTo(Argon2HashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MemoryKiB = MemoryKiB;
        options.Iterations = Iterations;
        options.Parallelism = Parallelism;
        options.VerifyPolicy.MaxMemoryKiB = Math.Max(options.VerifyPolicy.MaxMemoryKiB, MemoryKiB);
        options.VerifyPolicy.MaxIterations = Math.Max(options.VerifyPolicy.MaxIterations, Iterations);
        options.MemoryBudgetKiB = Math.Max(options.MemoryBudgetKiB, options.VerifyPolicy.MaxMemoryKiB);
    }
}
