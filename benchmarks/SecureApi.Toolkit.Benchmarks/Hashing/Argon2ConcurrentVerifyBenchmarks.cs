using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Hashing;
using SecureApi.Toolkit.Hashing.Internal;

namespace SecureApi.Toolkit.Benchmarks.Hashing;

/// <summary>
/// 32 logins at once at the default parameters (Konscious): the toolkit with its default memory budget against 32
/// bare engine calls started together on the thread pool. Throughput is 32 ÷ the mean; the budget's peak is printed
/// at the end (the bare calls have no budget and hold up to 32 × 19 MiB at once).
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

    [GlobalSetup]
    public void Setup()
    {
        _hasher = (Argon2CredentialHasher)new ServiceCollection().AddLogging().AddSecureApi(api => api.AddArgon2Hashing())
            .BuildServiceProvider().GetRequiredService<ICredentialHasher>();
        _phc = _hasher.HashAsync(Secret).AsTask().GetAwaiter().GetResult();
        var parts = _phc.Split('$');
        _salt = Convert.FromBase64String(parts[4] + "==");
        _tag = Convert.FromBase64String(parts[5] + "=");
        _password = Encoding.UTF8.GetBytes(Secret);
    }

    [GlobalCleanup]
    public void Cleanup()
        => Console.WriteLine($"// Hashing budget: peak {_hasher.Budget.PeakKiB} KiB of {_hasher.Budget.TotalKiB} KiB");

    [Benchmark(Baseline = true)]
    public Task<bool[]> BareEngine32()
        => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(() => Argon2Bare.Verify(Argon2Engine.Konscious, _password, _salt, _tag))));

    [Benchmark]
    public Task<CredentialVerification[]> Toolkit32()
        => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => _hasher.VerifyAsync(Secret, _phc).AsTask()));
}
