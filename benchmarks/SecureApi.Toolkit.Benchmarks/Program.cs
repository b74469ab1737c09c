using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/SecureApi.Toolkit.Benchmarks -- --filter '*Caller*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
