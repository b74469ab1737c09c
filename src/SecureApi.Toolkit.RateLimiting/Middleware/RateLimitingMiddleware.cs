using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureApi.Toolkit.Callers;
using SecureApi.Toolkit.Problems;
using SecureApi.Toolkit.RateLimiting.Endpoints;
using SecureApi.Toolkit.RateLimiting.Headers;
using SecureApi.Toolkit.RateLimiting.Resilience;
using SecureApi.Toolkit.Signals;
using SecureApi.Toolkit.Stores;

namespace SecureApi.Toolkit.RateLimiting.Middleware;

/// <summary>
/// Applies every rate-limit policy of the endpoint in one decision: refuses with 429 problem+json naming the refusing
/// policies, <c>Retry-After</c> and the IETF fields; reports <c>RateLimitRefused</c> and <c>RateLimitNearLimit</c>
/// signals; releases concurrency leases when the request ends.
/// </summary>
internal sealed partial class RateLimitingMiddleware(
    RequestDelegate next,
    EndpointPolicyResolver resolver,
    RateLimitEvaluator evaluator,
    IOptions<RateLimitingOptions> options,
    CallerPseudonym pseudonym,
    ILogger<RateLimitingMiddleware> logger)
{
    /// <summary>The problem type of a refusal: the IANA HTTP problem type for an exceeded quota.</summary>
    internal const string ProblemType = "https://iana.org/assignments/http-problem-types#quota-exceeded";
    internal const string Reason = "rate-limited";
    private readonly RateLimitingOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var applied = resolver.Resolve(context.GetEndpoint());
        if (applied.Length == 0)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var policies = new List<RateLimitPolicy>(applied.Length);
        var checks = new List<RateLimitCheck>(applied.Length);
        foreach (var entry in applied)
        {
            var policy = entry.Policy;
            var partition = policy.PartitionKey is null ? context.GetApiCaller().Id : policy.PartitionKey(context);
            if (string.IsNullOrEmpty(partition))
            {
                continue; // the policy's partition function exempted this request
            }

            var cost = policy.CostSelector?.Invoke(context) ?? (entry.Cost > 0 ? entry.Cost : policy.Cost);
            var leaseId = policy.Algorithm == RateLimitAlgorithm.Concurrency ? Guid.NewGuid().ToString("N") : null;
            policies.Add(policy);
            checks.Add(new RateLimitCheck(policy.Rule, partition, Math.Max(1, cost), policy.Shadow, leaseId));
        }

        if (checks.Count == 0)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var policyArray = policies.ToArray();
        var checkArray = checks.ToArray();
        var decision = await evaluator.EvaluateAsync(policyArray, checkArray, context.RequestAborted).ConfigureAwait(false);
        Report(context, policyArray, checkArray, decision);

        if (!decision.Allowed)
        {
            await RefuseAsync(context, policyArray, checkArray, decision).ConfigureAwait(false);
            return;
        }

        if (_options.HeadersOnSuccess)
        {
            RateLimitHeaders.Write(context.Response, policyArray, checkArray, decision.Results, _options.HeaderPartitionKey, pseudonym);
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            for (var i = 0; i < checkArray.Length; i++)
            {
                if (checkArray[i].LeaseId is not null && decision.Results[i].Allowed && decision.Results[i].Remaining >= 0)
                {
                    await evaluator.ReleaseAsync(checkArray[i], decision.LocalFallback?[i] ?? false, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private void Report(HttpContext context, RateLimitPolicy[] policies, RateLimitCheck[] checks, RateLimitDecision decision)
    {
        for (var i = 0; i < checks.Length; i++)
        {
            var result = decision.Results[i];
            if (result.Remaining < 0)
            {
                continue;
            }

            if (!result.Allowed)
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var hashed = pseudonym.For(checks[i].PartitionKey);
                    if (policies[i].Shadow)
                    {
                        LogShadowRefused(logger, policies[i].Name, hashed, checks[i].Cost);
                    }
                    else
                    {
                        LogRefused(logger, policies[i].Name, hashed, checks[i].Cost, result.RetryAfter.TotalSeconds, decision.Source.ToString());
                    }
                }

                if (!policies[i].Shadow)
                {
                    context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.RateLimitRefused, policies[i].Name, (int)Math.Min(int.MaxValue, checks[i].Cost)));
                }
            }
            else if (decision.Allowed && !policies[i].Shadow && checks[i].Rule.Limit - result.Remaining >= _options.NearLimitRatio * checks[i].Rule.Limit)
            {
                context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.RateLimitNearLimit, policies[i].Name));
            }
        }
    }

    private Task RefuseAsync(HttpContext context, RateLimitPolicy[] policies, RateLimitCheck[] checks, RateLimitDecision decision)
    {
        var refused = new List<string>();
        var retryAfter = TimeSpan.Zero;
        for (var i = 0; i < checks.Length; i++)
        {
            var result = decision.Results[i];
            if (!result.Allowed && !policies[i].Shadow)
            {
                refused.Add(policies[i].Name);
                retryAfter = result.RetryAfter > retryAfter ? result.RetryAfter : retryAfter;
            }
        }

        RateLimitHeaders.Write(context.Response, policies, checks, decision.Results, _options.HeaderPartitionKey, pseudonym);
        RateLimitHeaders.WriteRetryAfter(context.Response, retryAfter);
        return SecureApiProblems.WriteWithExtensionsAsync(context, _options.RejectionStatusCode, Reason, "Rate limit exceeded: " + string.Join(", ", refused), ProblemType, refused, WritePolicies);
    }

    /// <summary>Names every enforced policy that refused, so a client need not parse the title.</summary>
    private static void WritePolicies(Utf8JsonWriter writer, List<string> refused)
    {
        writer.WriteStartArray("policies");
        foreach (var name in refused)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Rate limit {Policy} refused partition {PartitionHash} (cost {Cost}); retry after {RetryAfterSeconds} s; decided by {Source}.")]
    private static partial void LogRefused(ILogger logger, string policy, string partitionHash, long cost, double retryAfterSeconds, string source);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Shadow rate limit {Policy} would have refused partition {PartitionHash} (cost {Cost}).")]
    private static partial void LogShadowRefused(ILogger logger, string policy, string partitionHash, long cost);
}
