using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Toolkit.Hashing;

namespace SecureApi.Toolkit.Benchmarks.Hashing;

/// <summary>
/// The toolkit's verify against the bare engine call, measured in interleaved pairs (bare then toolkit, toolkit then
/// bare, alternately) so that both sides of every pair see the same load: on a shared machine the load drifts over
/// the seconds BenchmarkDotNet spends on one method before it starts the other, which moves its ratio by more than
/// the 5 % being checked. Reports the median of the per-pair ratios and its interquartile range.
/// The bare call runs on a thread-pool thread, as the toolkit's does (the hasher moves the work off the caller's
/// thread, and an app's request runs on the pool anyway): libsodium takes its 19 MiB from the C heap, and glibc serves
/// the main thread's arena and a pool thread's arena differently (fresh pages to fault in on one, reused ones on the
/// other), which alone moved the bare call by 20–30 % against a toolkit call measured on the other kind of thread.
/// <c>dotnet run -c Release --project benchmarks/SecureApi.Toolkit.Benchmarks -- hashing-overhead [pairs]</c>
/// </summary>
internal static class Argon2PairedOverhead
{
    private const string Secret = "correct horse battery staple";

    public static void Run(string[] args)
    {
        var pairs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        Console.WriteLine($"Argon2id verify at the defaults (m=19456 KiB, t=2, p=1), {pairs} interleaved pairs per engine, toolkit ÷ bare per pair:");
        foreach (var engine in new[] { Argon2Engine.Libsodium, Argon2Engine.Konscious })
        {
            Measure(engine, pairs);
        }
    }

    private static void Measure(Argon2Engine engine, int pairs)
    {
        using var provider = new ServiceCollection().AddLogging().AddSecureApi(api => api.AddArgon2Hashing(o => o.Engine = engine)).BuildServiceProvider();
        var hasher = provider.GetRequiredService<ICredentialHasher>();
        var phc = hasher.HashAsync(Secret).AsTask().GetAwaiter().GetResult();
        var parts = phc.Split('$');
        var salt = Convert.FromBase64String(Pad(parts[4]));
        var tag = Convert.FromBase64String(Pad(parts[5]));
        var password = Encoding.UTF8.GetBytes(Secret);

        double Bare()
        {
            var started = Stopwatch.GetTimestamp();
            if (!Argon2Bare.Verify(engine, password, salt, tag))
            {
                throw new InvalidOperationException("bare verify failed");
            }

            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        double Toolkit()
        {
            var started = Stopwatch.GetTimestamp();
            if (!hasher.VerifyAsync(Secret, phc).AsTask().GetAwaiter().GetResult().Succeeded)
            {
                throw new InvalidOperationException("toolkit verify failed");
            }

            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        for (var i = 0; i < 5; i++)
        {
            Bare();
            Toolkit();
        }

        var bare = new double[pairs];
        var toolkit = new double[pairs];
        var ratios = new double[pairs];
        for (var i = 0; i < pairs; i++)
        {
            if (i % 2 == 0)
            {
                bare[i] = Task.Run(Bare).GetAwaiter().GetResult();
                toolkit[i] = Toolkit();
            }
            else
            {
                toolkit[i] = Toolkit();
                bare[i] = Task.Run(Bare).GetAwaiter().GetResult();
            }

            ratios[i] = toolkit[i] / bare[i];
        }

        Array.Sort(bare);
        Array.Sort(toolkit);
        Array.Sort(ratios);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {engine,-9}: bare median {Quantile(bare, 0.5):F2} ms, toolkit median {Quantile(toolkit, 0.5):F2} ms; ratio median {Quantile(ratios, 0.5):F4} (IQR {Quantile(ratios, 0.25):F4}–{Quantile(ratios, 0.75):F4}); ratio of medians {Quantile(toolkit, 0.5) / Quantile(bare, 0.5):F4}"));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    private static string Pad(string b64) => b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
}
