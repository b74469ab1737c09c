using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Headers;

/// <summary>
/// Formats the IETF fields of draft-ietf-httpapi-ratelimit-headers: <c>RateLimit-Policy: "name";q=100;w=60</c> and
/// <c>RateLimit: "name";r=42;t=17</c> (structured-field lists, one member per policy), and <c>Retry-After</c>.
/// Seconds are rounded up, so a client that waits the advertised time is never early.
/// </summary>
internal static class RateLimitHeaders
{
    public const string PolicyField = "RateLimit-Policy";
    public const string LimitField = "RateLimit";

    public static void Write(HttpResponse response, ReadOnlySpan<RateLimitPolicy> policies, ReadOnlySpan<RateLimitCheck> checks, ReadOnlySpan<RateLimitResult> results, RateLimitHeaderPartitionKey partitionKey, CallerPseudonym pseudonym)
    {
        var policy = new StringBuilder();
        var limit = new StringBuilder();
        Span<char> pk = stackalloc char[CallerPseudonym.Length];
        for (var i = 0; i < results.Length; i++)
        {
            if (policies[i].Shadow || results[i].Remaining < 0)
            {
                continue; // shadow policies are invisible to clients; unknown results have nothing to say
            }

            var separator = policy.Length > 0 ? ", " : string.Empty;
            policy.Append(separator).Append('"').Append(policies[i].Name).Append("\";q=").Append(checks[i].Rule.Limit.ToString(CultureInfo.InvariantCulture));
            if (checks[i].Rule.Algorithm != RateLimitAlgorithm.Concurrency)
            {
                policy.Append(";w=").Append(Seconds(checks[i].Rule.Window).ToString(CultureInfo.InvariantCulture));
            }

            limit.Append(separator).Append('"').Append(policies[i].Name).Append("\";r=").Append(results[i].Remaining.ToString(CultureInfo.InvariantCulture))
                .Append(";t=").Append(Seconds(results[i].ResetAfter).ToString(CultureInfo.InvariantCulture));
            if (partitionKey == RateLimitHeaderPartitionKey.Hashed)
            {
                // The pseudonym the logs carry (base64, as sf-binary wants it), written straight into the builder.
                pseudonym.TryFormat(checks[i].PartitionKey, pk, out var written);
                limit.Append(";pk=:").Append(pk[..written]).Append(':');
            }
        }

        if (policy.Length > 0)
        {
            response.Headers[PolicyField] = policy.ToString();
            response.Headers[LimitField] = limit.ToString();
        }
    }

    public static void WriteRetryAfter(HttpResponse response, TimeSpan retryAfter)
        => response.Headers.RetryAfter = Math.Max(1, Seconds(retryAfter)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Whole seconds, rounded up.</summary>
    public static long Seconds(TimeSpan value) => value <= TimeSpan.Zero ? 0 : (value.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
}
