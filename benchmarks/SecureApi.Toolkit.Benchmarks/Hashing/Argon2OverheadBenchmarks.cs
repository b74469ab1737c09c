using BenchmarkDotNet.Attributes;
using SecureApi.Toolkit.Hashing;
using SecureApi.Toolkit.Hashing.Engines;
using SecureApi.Toolkit.Hashing.Internal;

namespace SecureApi.Toolkit.Benchmarks.Hashing;

/// <summary>
/// The toolkit's own work per verification with the Argon2 cost taken out (an engine that computes nothing): strict
/// PHC parse, verify policy, pepper lookup, budget admission, the thread-pool hop, fixed-time compare and the rehash
/// decision; and the refusal of a hostile stored hash. The baseline is the same no-op engine called directly.
/// Compare these microseconds with the milliseconds of one hash to get the overhead share.
/// </summary>
[MemoryDiagnoser]
public class Argon2OverheadBenchmarks
{
    private const string Hostile = "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    private readonly byte[] _password = new byte[28];
    private readonly byte[] _salt = new byte[16];
    private readonly byte[] _tag = new byte[32];
    private Argon2CredentialHasher _hasher = null!;
    private string _phc = null!;

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new Argon2CredentialHasher(new Argon2HashingOptions(), NoOpEngine.Instance);
        _phc = _hasher.HashAsync("correct horse battery staple").AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public byte[] BareNoOpEngine()
    {
        NoOpEngine.Instance.Compute(_password, _salt, [], [], new Argon2Cost(19456, 2, 1), _tag);
        return _tag;
    }

    [Benchmark]
    public CredentialVerification ToolkitVerify() => _hasher.VerifyAsync("correct horse battery staple", _phc).AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public CredentialVerification ToolkitRefuseHostileHash() => _hasher.VerifyAsync("correct horse battery staple", Hostile).AsTask().GetAwaiter().GetResult();

    private sealed class NoOpEngine : IArgon2Engine
    {
        public static NoOpEngine Instance { get; } = new();

        public string Name => "no-op";

        public bool AllocatesOnManagedHeap => false;

        public string? GetLimitation(Argon2Cost cost, int saltLength, int hashLength, bool withSecret, bool withAssociatedData = false) => null;

        public void Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> associatedData, Argon2Cost cost, Span<byte> hash)
            => hash.Clear();
    }
}
