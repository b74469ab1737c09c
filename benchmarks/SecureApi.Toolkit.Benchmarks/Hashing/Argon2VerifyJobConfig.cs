using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SecureApi.Toolkit.Benchmarks.Hashing;

/// <summary>
/// In-process, 5 warm-ups and 30 iterations: enough measurements of a 25–80 ms hash for the ratio's error to be
/// smaller than the 5 % it is checked against. In-process because the out-of-process build can hit BenchmarkDotNet's
/// build timeout on a busy machine.
/// </summary>
internal sealed class Argon2VerifyJobConfig : ManualConfig
{
    public Argon2VerifyJobConfig()
        => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(30).WithToolchain(InProcessEmitToolchain.Instance).WithId("Verify30"));
}
