using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Hashing.Engines;
using SecureApi.Toolkit.Hashing.Phc;

namespace SecureApi.Toolkit.Hashing.Internal;

/// <summary>Start-up validation: the OWASP floor, coherent ceilings and budget, valid peppers, engine limits.</summary>
internal sealed class Argon2HashingOptionsValidator : IValidateOptions<Argon2HashingOptions>
{
    private const int MinPepperLength = 16;

    public ValidateOptionsResult Validate(string? name, Argon2HashingOptions options)
    {
        var failures = ValidateParameters(options);
        ValidateFloor(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Everything except the OWASP floor (which tests and the calibrator may go below on purpose).</summary>
    internal static List<string> ValidateParameters(Argon2HashingOptions options)
    {
        var failures = new List<string>();
        var policy = options.VerifyPolicy;
        if (options.Parallelism is < 1 or > (int)Argon2PhcCodec.MaxParallelism)
        {
            failures.Add($"Argon2HashingOptions.Parallelism must be between 1 and {Argon2PhcCodec.MaxParallelism} (was {options.Parallelism}); 1 is recommended.");
        }

        if (options.MemoryKiB < Argon2PhcCodec.MinMemoryPerLaneKiB * Math.Max(1, options.Parallelism))
        {
            failures.Add($"Argon2HashingOptions.MemoryKiB must be at least 8 KiB per lane (was {options.MemoryKiB} for {options.Parallelism} lanes).");
        }

        if (options.Iterations < 1)
        {
            failures.Add($"Argon2HashingOptions.Iterations must be at least 1 (was {options.Iterations}).");
        }

        if (options.SaltLength is < 8 or > 48)
        {
            failures.Add($"Argon2HashingOptions.SaltLength must be between 8 and 48 bytes (was {options.SaltLength}); use 16.");
        }

        if (options.HashLength is < 16 or > 64)
        {
            failures.Add($"Argon2HashingOptions.HashLength must be between 16 and 64 bytes (was {options.HashLength}); use 32.");
        }

        if (policy.MaxMemoryKiB < options.MemoryKiB || policy.MaxIterations < options.Iterations || policy.MaxParallelism < options.Parallelism
            || policy.MaxSaltLength < options.SaltLength || policy.MaxHashLength < options.HashLength)
        {
            failures.Add("Argon2HashingOptions.VerifyPolicy ceilings (MaxMemoryKiB, MaxIterations, MaxParallelism, MaxSaltLength, MaxHashLength) must be at least the hashing parameters, or new hashes would be refused; raise the ceilings.");
        }

        if (policy.MaxLegacyIterations < 1)
        {
            failures.Add($"Argon2HashingOptions.VerifyPolicy.MaxLegacyIterations must be at least 1 (was {policy.MaxLegacyIterations}).");
        }

        if (options.MemoryBudgetKiB < Math.Max(options.MemoryKiB, policy.MaxMemoryKiB))
        {
            failures.Add($"Argon2HashingOptions.MemoryBudgetKiB ({options.MemoryBudgetKiB}) must be at least Argon2HashingOptions.VerifyPolicy.MaxMemoryKiB ({policy.MaxMemoryKiB}) and MemoryKiB ({options.MemoryKiB}), or some hashes could never run; raise the budget or lower the ceiling.");
        }

        if (options.MaxConcurrency < 1)
        {
            failures.Add($"Argon2HashingOptions.MaxConcurrency must be at least 1 (was {options.MaxConcurrency}); the number of cores (Environment.ProcessorCount) is the default.");
        }

        if (options.MaxQueueLength < 0)
        {
            failures.Add($"Argon2HashingOptions.MaxQueueLength must be 0 or more (was {options.MaxQueueLength}).");
        }

        if (options.QueueTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Argon2HashingOptions.QueueTimeout must be positive (was {options.QueueTimeout}); 5 seconds is a sensible start.");
        }

        foreach (var (id, pepper) in options.Peppers)
        {
            if (!Argon2PhcCodec.IsValidKeyId(id))
            {
                failures.Add($"Argon2HashingOptions.Peppers id \"{id}\" must be 1 to 8 ASCII letters, digits, '.', '_' or '-' (it travels in the PHC keyid parameter).");
            }

            if (pepper is null || pepper.Length < MinPepperLength)
            {
                failures.Add($"Argon2HashingOptions.Peppers[\"{id}\"] must be at least {MinPepperLength} random bytes; generate it with RandomNumberGenerator.GetBytes(32).");
            }
        }

        if (options.CurrentPepperId is not null && !options.Peppers.ContainsKey(options.CurrentPepperId))
        {
            failures.Add($"Argon2HashingOptions.CurrentPepperId \"{options.CurrentPepperId}\" is not a key of Argon2HashingOptions.Peppers; add the pepper or clear CurrentPepperId.");
        }

        if (!Enum.IsDefined(options.Engine))
        {
            failures.Add($"Argon2HashingOptions.Engine {options.Engine} is not a known engine; use Konscious or Libsodium.");
        }
        else
        {
            var limitation = Argon2EngineFactory.Create(options.Engine).GetLimitation(
                new Argon2Cost(options.MemoryKiB, options.Iterations, options.Parallelism),
                options.SaltLength,
                options.HashLength,
                options.CurrentPepperId is not null);
            if (limitation is not null)
            {
                failures.Add($"Argon2HashingOptions.Engine {options.Engine} cannot hash with these options ({limitation}); use Argon2Engine.Konscious, or Parallelism = 1, SaltLength = 16, HashLength >= 16 and no CurrentPepperId.");
            }
        }

        return failures;
    }

    private static void ValidateFloor(Argon2HashingOptions options, List<string> failures)
    {
        if (options.MemoryKiB < Argon2HashingOptions.MinimumMemoryKiB)
        {
            failures.Add($"Argon2HashingOptions.MemoryKiB must be at least {Argon2HashingOptions.MinimumMemoryKiB} KiB (OWASP's Argon2id floor; was {options.MemoryKiB}).");
        }

        if (options.Iterations < Argon2HashingOptions.MinimumIterations)
        {
            failures.Add($"Argon2HashingOptions.Iterations must be at least {Argon2HashingOptions.MinimumIterations} (OWASP's Argon2id floor; was {options.Iterations}).");
        }
    }
}
