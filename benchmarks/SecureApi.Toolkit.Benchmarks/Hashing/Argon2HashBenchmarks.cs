using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Hashing;

namespace SecureApi.Toolkit.Benchmarks.Hashing;

/// <summary>
/// Hashing a new password at the default parameters (m = 19456 KiB, t = 2, p = 1): the toolkit (salt, budget
/// admission, thread-pool hop, PHC string) against the bare engine call, for both engines.
/// </summary>
[MemoryDiagnoser]
public class Argon2HashBenchmarks
{
    private ICredentialHasher _hasher = null!;
    private byte[] _password = null!;

    [Params(Argon2Engine.Konscious, Argon2Engine.Libsodium)]
    public Argon2Engine Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new ServiceCollection().AddLogging().AddSecureApi(api => api.AddArgon2Hashing(o => o.Engine = Engine))
            .BuildServiceProvider().GetRequiredService<ICredentialHasher>();
        _password = Encoding.UTF8.GetBytes("correct horse battery staple");
    }

    [Benchmark(Baseline = true)]
    public byte[] BareEngine() => Argon2Bare.Hash(Engine, _password, RandomNumberGenerator.GetBytes(16));

    [Benchmark]
    public string Toolkit() => _hasher.HashAsync("correct horse battery staple").AsTask().GetAwaiter().GetResult();
}
