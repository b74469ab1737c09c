namespace SecureApi.Toolkit.Stores;

/// <summary>
/// One limit as a store applies it: the policy name, the algorithm, the number of permits and the window.
/// Immutable, so one instance is shared by every request the policy applies to.
/// </summary>
public sealed class RateLimitRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="name">The policy name; part of the store key, so two rules with one name share their counts.</param>
    /// <param name="algorithm">How permits are counted.</param>
    /// <param name="limit">The number of permits per window (or held at once, for <see cref="RateLimitAlgorithm.Concurrency"/>). At least 1.</param>
    /// <param name="window">The window (for <see cref="RateLimitAlgorithm.Concurrency"/>, the lease lifetime). At least one millisecond.</param>
    /// <param name="alignWindow">For <see cref="RateLimitAlgorithm.FixedWindow"/>: start windows on multiples of <paramref name="window"/> since the Unix epoch instead of at the first hit.</param>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public RateLimitRule(string name, RateLimitAlgorithm algorithm, long limit, TimeSpan window, bool alignWindow = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown rate-limit algorithm.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        Name = name;
        Algorithm = algorithm;
        Limit = limit;
        Window = window;
        AlignWindow = alignWindow;
    }

    /// <summary>Gets the policy name.</summary>
    public string Name { get; }

    /// <summary>Gets how permits are counted.</summary>
    public RateLimitAlgorithm Algorithm { get; }

    /// <summary>Gets the number of permits per window, or held at once for <see cref="RateLimitAlgorithm.Concurrency"/>.</summary>
    public long Limit { get; }

    /// <summary>Gets the window, or the lease lifetime for <see cref="RateLimitAlgorithm.Concurrency"/>.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets whether fixed windows start on multiples of <see cref="Window"/> since the Unix epoch.</summary>
    /// <value>The default is <see langword="false"/>: a window starts at the partition's first hit.</value>
    public bool AlignWindow { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Algorithm}, {Limit}/{Window})";
}
