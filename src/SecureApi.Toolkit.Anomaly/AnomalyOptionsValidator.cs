using Microsoft.Extensions.Options;

namespace SecureApi.Toolkit.Anomaly;

/// <summary>Checks <see cref="AnomalyOptions"/> at start-up; each message names the option and the fix.</summary>
internal sealed class AnomalyOptionsValidator : IValidateOptions<AnomalyOptions>
{
    public ValidateOptionsResult Validate(string? name, AnomalyOptions options)
    {
        var errors = new List<string>();
        foreach (var detector in options.Detectors)
        {
            errors.AddRange(detector.Validate());
        }

        foreach (var duplicate in options.Detectors.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"AnomalyOptions.Detectors: the name '{duplicate.Key}' is used more than once; give each detector a unique name.");
        }

        var s = options.Suspension;
        if (s.BaseDuration <= TimeSpan.Zero || s.MaxDuration < s.BaseDuration)
        {
            errors.Add("AnomalyOptions.Suspension: BaseDuration must be positive and MaxDuration at least BaseDuration.");
        }

        if (s.Multiplier < 1)
        {
            errors.Add("AnomalyOptions.Suspension.Multiplier must be at least 1 (1 means no escalation).");
        }

        if (s.Jitter is < 0 or >= 1)
        {
            errors.Add("AnomalyOptions.Suspension.Jitter must be in [0, 1), for example 0.1 for ± 10 %.");
        }

        if (s.OffenceMemory < TimeSpan.Zero)
        {
            errors.Add("AnomalyOptions.Suspension.OffenceMemory must not be negative.");
        }

        if (options.QueueCapacity < 1 || options.HookQueueCapacity < 1)
        {
            errors.Add("AnomalyOptions.QueueCapacity and HookQueueCapacity must be at least 1.");
        }

        if (options.HandlerTimeout <= TimeSpan.Zero || options.DeduplicationWindow <= TimeSpan.Zero || options.CacheResyncInterval <= TimeSpan.Zero)
        {
            errors.Add("AnomalyOptions.HandlerTimeout, DeduplicationWindow and CacheResyncInterval must be positive.");
        }

        if (options.EvidenceSampleSize is < 0 or > 1000)
        {
            errors.Add("AnomalyOptions.EvidenceSampleSize must be between 0 and 1000.");
        }

        if (options.AllowList.Overlaps(options.DenyList))
        {
            errors.Add("AnomalyOptions.AllowList and DenyList share a caller id; a caller can be on one list only.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
