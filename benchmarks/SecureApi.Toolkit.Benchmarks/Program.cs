using BenchmarkDotNet.Running;
using SecureApi.Toolkit.Benchmarks.Hashing;

// dotnet run -c Release --project benchmarks/SecureApi.Toolkit.Benchmarks -- --filter '*Caller*'
// dotnet run -c Release --project benchmarks/SecureApi.Toolkit.Benchmarks -- hashing-overhead [pairs]
if (args.Length > 0 && args[0] == "hashing-overhead")
{
    Argon2PairedOverhead.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
