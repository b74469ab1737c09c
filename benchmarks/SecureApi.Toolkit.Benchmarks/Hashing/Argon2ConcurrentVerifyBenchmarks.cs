using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Hashing;
using SecureApi.Toolkit.Hashing.Internal;

namespace SecureApi.Toolkit.Benchmarks.Hashing;

/// <summary>
/// 32 logins at once at the default parameters (Konscious): the toolkit with its default run-slot cap (one per core)
/// and a memory budget of 512 MiB (the default) or 128 MiB, against 32 bare engine calls started together on the
/// thread pool, and one bare call alone. Throughput is 32 ÷ the mean; the target is cores ÷ the latency of one call,
/// that is Toolkit32 within 32 ÷ cores ÷ 0.85 times BareEngine1 (18.8× on 2 cores). At the end of each case the class prints the budget's peak and the
/// process's peak resident set (VmHWM, reset at the start of the case where Linux allows it), which is the figure
/// to hold against "budget + 64 MiB"; run <c>Toolkit32</c> alone (filter) so no bare case shares the process.
/// </summary>
[MemoryDiagnoser]
public class Argon2ConcurrentVerifyBenchmarks
{
    private const string Secret = "correct horse battery staple";
    private const int Concurrency = 32;
    private Argon2CredentialHasher _hasher = null!;
    private string _phc = null!;
    private byte[] _password = null!;
    private byte[] _salt = null!;
    private byte[] _tag = null!;
    private string _idle = null!;

    [Params(524_288, 131_072)]
    public long BudgetKiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ProcessPeakMemory.Reset();
        _idle = ProcessPeakMemory.Describe();
        _hasher = (Argon2CredentialHasher)new ServiceCollection().AddLogging().AddSecureApi(api => api.AddArgon2Hashing(o =>
            {
                o.MemoryBudgetKiB = BudgetKiB;
                o.VerifyPolicy.MaxMemoryKiB = (int)Math.Min(o.VerifyPolicy.MaxMemoryKiB, BudgetKiB);
            }))
            .BuildServiceProvider().GetRequiredService<ICredentialHasher>();
        _phc = _hasher.HashAsync(Secret).AsTask().GetAwaiter().GetResult();
        var parts = _phc.Split('$');
        _salt = Convert.FromBase64String(parts[4] + "==");
        _tag = Convert.FromBase64String(parts[5] + "=");
        _password = Encoding.UTF8.GetBytes(Secret);
        ProcessPeakMemory.Reset();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var budget = _hasher.Budget;
        Console.WriteLine($"// Hashing budget {budget.TotalKiB} KiB: peak {budget.PeakKiB} KiB held, peak {budget.PeakRunning} running (cap {budget.MaxConcurrency}), {budget.ForcedCollections} collections run by the budget, {GC.CollectionCount(2)} gen-2 collections in all");
        Console.WriteLine($"// Process peak resident set for this case: {ProcessPeakMemory.Describe()}; before the case's first hash: {_idle}");
    }

    [Benchmark(Baseline = true)]
    public Task<bool[]> BareEngine32()
        => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(() => Argon2Bare.Verify(Argon2Engine.Konscious, _password, _salt, _tag))));

    /// <summary>One verification alone, for the throughput target in the same run: cores ÷ this latency.</summary>
    [Benchmark]
    public bool BareEngine1() => Argon2Bare.Verify(Argon2Engine.Konscious, _password, _salt, _tag);

    [Benchmark]
    public Task<CredentialVerification[]> Toolkit32()
        => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => _hasher.VerifyAsync(Secret, _phc).AsTask()));
}
