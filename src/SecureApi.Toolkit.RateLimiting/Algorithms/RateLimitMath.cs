using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Algorithms;

/// <summary>
/// The arithmetic of every counting algorithm, in microseconds and doubles. The Redis Lua scripts perform the same
/// operations in the same order (Lua numbers are doubles too), so both stores agree to the last bit; the conformance
/// suite checks that. <see cref="Epsilon"/> absorbs the rounding of non-integral emission intervals (for example
/// 1 s / 3), so the third of three permits is never refused because 3 × 333333.33… µs came out a hair above 1 s.
/// </summary>
internal static class RateLimitMath
{
    internal const double Epsilon = 1e-3;

    /// <summary>Evaluates one non-concurrency check without committing it.</summary>
    /// <returns>Whether the check allows; <paramref name="next"/> is the state to store if the call commits.</returns>
    public static bool Evaluate(RateLimitRule rule, in RateLimitState state, double now, long cost, out RateLimitState next, out RateLimitResult result, out double expiresAt)
    {
        var window = WindowMicros(rule);
        double limit = rule.Limit;
        return rule.Algorithm switch
        {
            RateLimitAlgorithm.Gcra => Gcra(state, now, cost, limit, window, out next, out result, out expiresAt),
            RateLimitAlgorithm.TokenBucket => TokenBucket(state, now, cost, limit, window, out next, out result, out expiresAt),
            RateLimitAlgorithm.FixedWindow => FixedWindow(state, now, cost, limit, window, rule.AlignWindow, out next, out result, out expiresAt),
            RateLimitAlgorithm.SlidingWindow => SlidingWindow(state, now, cost, limit, window, out next, out result, out expiresAt),
            _ => throw new ArgumentException("Concurrency rules are evaluated against their leases.", nameof(rule)),
        };
    }

    public static double WindowMicros(RateLimitRule rule) => rule.Window.Ticks / 10.0;

    public static double NowMicros(TimeProvider time) => (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10.0;

    public static TimeSpan ToTimeSpan(double micros) => micros <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling(micros * 10.0));

    public static long Floor(double value) => value <= 0 ? 0 : (long)Math.Floor(value + Epsilon);

    private static bool Gcra(in RateLimitState state, double now, long cost, double limit, double window, out RateLimitState next, out RateLimitResult result, out double expiresAt)
    {
        var interval = window / limit;
        var tat = state.Exists && state.A > now ? state.A : now;
        var newTat = tat + (interval * cost);
        if (cost <= limit && newTat - now <= window + Epsilon)
        {
            next = new RateLimitState { Exists = true, A = newTat };
            expiresAt = newTat;
            result = new RateLimitResult(true, Floor((window - (newTat - now)) / interval), ToTimeSpan(newTat - now), TimeSpan.Zero);
            return true;
        }

        next = state;
        expiresAt = tat;
        var retry = cost > limit ? window : newTat - window - now;
        result = new RateLimitResult(false, Floor((window - (tat - now)) / interval), ToTimeSpan(tat - now), ToTimeSpan(retry));
        return false;
    }

    private static bool TokenBucket(in RateLimitState state, double now, long cost, double limit, double window, out RateLimitState next, out RateLimitResult result, out double expiresAt)
    {
        var rate = limit / window;
        var tokens = limit;
        if (state.Exists)
        {
            var elapsed = now > state.B ? now - state.B : 0;
            tokens = Math.Min(limit, state.A + (elapsed * rate));
        }

        if (cost <= limit && tokens + Epsilon >= cost)
        {
            var left = Math.Max(0, tokens - cost);
            next = new RateLimitState { Exists = true, A = left, B = now };
            expiresAt = now + ((limit - left) / rate);
            result = new RateLimitResult(true, Floor(left), ToTimeSpan((limit - left) / rate), TimeSpan.Zero);
            return true;
        }

        next = state;
        expiresAt = now + ((limit - tokens) / rate);
        var retry = cost > limit ? window : (cost - tokens) / rate;
        result = new RateLimitResult(false, Floor(tokens), ToTimeSpan((limit - tokens) / rate), ToTimeSpan(retry));
        return false;
    }

    private static bool FixedWindow(in RateLimitState state, double now, long cost, double limit, double window, bool align, out RateLimitState next, out RateLimitResult result, out double expiresAt)
    {
        double start;
        double count;
        if (state.Exists && now < state.A + window)
        {
            start = state.A;
            count = state.B;
        }
        else
        {
            start = align ? Math.Floor(now / window) * window : now;
            count = 0;
        }

        var reset = start + window - now;
        expiresAt = start + window;
        if (count + cost <= limit)
        {
            next = new RateLimitState { Exists = true, A = start, B = count + cost };
            result = new RateLimitResult(true, (long)(limit - count - cost), ToTimeSpan(reset), TimeSpan.Zero);
            return true;
        }

        next = state;
        result = new RateLimitResult(false, (long)(limit - count), ToTimeSpan(reset), ToTimeSpan(cost > limit ? window : reset));
        return false;
    }

    private static bool SlidingWindow(in RateLimitState state, double now, long cost, double limit, double window, out RateLimitState next, out RateLimitResult result, out double expiresAt)
    {
        var current = Math.Floor(now / window) * window;
        double count = 0;
        double previous = 0;
        if (state.Exists)
        {
            if (state.A == current)
            {
                count = state.B;
                previous = state.C;
            }
            else if (state.A == current - window)
            {
                previous = state.B;
            }
        }

        var elapsed = now - current;
        var estimate = (previous * (window - elapsed) / window) + count;
        var reset = count > 0 ? current + (2 * window) - now : previous > 0 ? current + window - now : 0;
        if (estimate + cost <= limit + Epsilon)
        {
            next = new RateLimitState { Exists = true, A = current, B = count + cost, C = previous };
            expiresAt = current + (2 * window);
            result = new RateLimitResult(true, Floor(limit - estimate - cost), ToTimeSpan(current + (2 * window) - now), TimeSpan.Zero);
            return true;
        }

        next = state;
        expiresAt = current + (2 * window);
        double retry;
        if (cost > limit)
        {
            retry = window;
        }
        else if (count + cost <= limit)
        {
            // Wait in this bucket until enough of the previous one has slid out.
            retry = current + (window * (1 - ((limit - count - cost) / previous))) - now;
        }
        else
        {
            // This bucket is full: wait for the next one, until enough of this one has slid out.
            retry = current + window + (window * (1 - ((limit - cost) / count))) - now;
        }

        result = new RateLimitResult(false, Floor(limit - estimate), ToTimeSpan(reset), ToTimeSpan(retry));
        return false;
    }
}
