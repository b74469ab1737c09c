using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using SecureApi.Toolkit.Problems;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Toolkit.Tokens;

/// <summary>
/// Answers a permission refusal with 403 problem+json that lists only the required permission names (never what the
/// caller holds or lacks beyond them) and reports a <see cref="SecuritySignalKind.PermissionDenied"/> signal. Every
/// other outcome goes to ASP.NET Core's default handling.
/// </summary>
internal sealed class PermissionAuthorizationResultHandler(ILogger<PermissionAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    public const string Reason = "permission-denied";
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || authorizeResult.AuthorizationFailure is not { } failure)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        List<string>? required = null;
        var match = PermissionMatch.Any;
        foreach (var requirement in failure.FailedRequirements)
        {
            if (requirement is PermissionRequirement permission)
            {
                required ??= [];
                required.AddRange(permission.Permissions.Where(p => !required.Contains(p)));
                if (permission.Match == PermissionMatch.All || required.Count > permission.Permissions.Length)
                {
                    // Two failed requirements, or an all-of one: every listed name is needed.
                    match = PermissionMatch.All;
                }
            }
        }

        if (required is null)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var requiredText = string.Join(' ', required);
        TokensLog.PermissionDenied(logger, requiredText);
        context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.PermissionDenied, Reason, ResourceId: context.Request.Path.Value));
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = SecureApiProblems.TypePrefix + Reason,
            Title = "The caller lacks a required permission.",
        };
        problem.Extensions["reason"] = Reason;
        problem.Extensions["required"] = required;
        problem.Extensions["match"] = match == PermissionMatch.All ? "all" : "any";
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }
}
