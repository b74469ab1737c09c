using Microsoft.Extensions.Time.Testing;
using SecureApi.Toolkit.Hashing.Calibration;
using SecureApi.Toolkit.Hashing.Engines;

namespace SecureApi.Toolkit.Hashing.Tests.Calibration;

public class Argon2CalibratorTests
{
    // A machine on which the OWASP floor (m = 19456, t = 2) takes exactly 100 ms and cost grows with m·t.
    private sealed class ModelEngine(FakeTimeProvider time) : IArgon2Engine
    {
        public string Name => "model";

        public bool AllocatesOnManagedHeap => false;

        public string? GetLimitation(Argon2Cost cost, int saltLength, int hashLength, bool withSecret, bool withAssociatedData = false) => null;

        public void Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> associatedData, Argon2Cost cost, Span<byte> hash)
            => time.Advance(TimeSpan.FromMilliseconds(100.0 * cost.MemoryKiB * cost.Iterations / (19456 * 2)));
    }

    private static Argon2CalibrationResult Run(int budgetMs, int maxMemoryKiB = 1_048_576)
    {
        var time = new FakeTimeProvider();
        return Argon2Calibrator.Calibrate(TimeSpan.FromMilliseconds(budgetMs), new ModelEngine(time), maxMemoryKiB, time);
    }

    [Fact]
    public void Calibrate_Budget250Ms_DoublesMemoryWhileItFitsThenStops()
    {
        Assert.Equal(new Argon2CalibrationResult(38912, 2, 1, TimeSpan.FromMilliseconds(200), true), Run(250));
    }

    [Fact]
    public void Calibrate_MemoryCapped_SpendsTheRestOfTheBudgetOnPasses()
    {
        Assert.Equal(new Argon2CalibrationResult(38912, 10, 1, TimeSpan.FromMilliseconds(1000), true), Run(1000, maxMemoryKiB: 65536));
    }

    [Fact]
    public void Calibrate_FloorSlowerThanTheBudget_ProposesTheFloorAndSaysSo()
    {
        var result = Run(50);

        Assert.Equal((19456, 2, 1, false), (result.MemoryKiB, result.Iterations, result.Parallelism, result.WithinBudget));
    }

    [Fact]
    public void Calibrate_RealEngineWithATinyBudget_NeverProposesBelowTheFloor()
    {
        var result = Argon2Calibrator.Calibrate(TimeSpan.FromTicks(1));

        Assert.False(result.WithinBudget);
        Assert.Equal((19456, 2), (result.MemoryKiB, result.Iterations));
        Assert.True(result.MeasuredLatency > TimeSpan.Zero);
    }

    [Fact]
    public void ApplyTo_Options_CopiesParametersAndKeepsCeilingsAndBudgetCoherent()
    {
        var options = new Argon2HashingOptions();

        new Argon2CalibrationResult(524288, 3, 1, TimeSpan.FromMilliseconds(240), true).ApplyTo(options);

        Assert.Equal((524288, 3, 1), (options.MemoryKiB, options.Iterations, options.Parallelism));
        Assert.Equal(524288, options.VerifyPolicy.MaxMemoryKiB);
        Assert.True(new SecureApi.Toolkit.Hashing.Internal.Argon2HashingOptionsValidator().Validate(null, options).Succeeded);
    }
}
