using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureApi.Sample.Data;
using SecureApi.Toolkit;
using SecureApi.Toolkit.Hashing;
using SecureApi.Toolkit.Problems;
using SecureApi.Toolkit.Signals;

namespace SecureApi.Sample.Features;

/// <summary>
/// Passwords stored as Argon2id PHC strings: register (<c>POST /accounts</c>) and log in
/// (<c>POST /accounts/login</c>). Unknown users cost as much as known ones, weaker hashes are upgraded on login,
/// a hostile stored hash is refused before it allocates anything, and overload answers 503 instead of exhausting memory.
/// </summary>
internal static class HashingSample
{
    public static void AddHashing(SecureApiBuilder api)
    {
        // Defaults: OWASP parameters (m = 19456 KiB, t = 2, p = 1), 512 MiB budget, queue of 256 for 5 s.
        api.AddArgon2Hashing();
        api.Services.AddHttpContextAccessor();
        api.Services.TryAddSingleton<AccountStore>();
    }

    public static void MapHashing(WebApplication app)
    {
        var accounts = app.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapPost("/", RegisterAsync);
        accounts.MapPost("/login", LogInAsync);
    }

    private static async Task<IResult> RegisterAsync(Credentials body, AccountStore store, ICredentialHasher hasher, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.UserName) || body.UserName.Length > 64)
        {
            errors["userName"] = ["A user name of 1 to 64 characters is required."];
        }

        if (body.Password is not { Length: >= 12 and <= 256 })
        {
            errors["password"] = ["A password of 12 to 256 characters is required."];
        }

        if (errors.Count > 0)
        {
            context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.BadRequest, "validation-failed"));
            return TypedResults.ValidationProblem(errors);
        }

        string hash;
        try
        {
            hash = await hasher.HashAsync(body.Password!, context.RequestAborted);
        }
        catch (HashingOverloadedException)
        {
            return Overloaded(context);
        }

        return store.TryAdd(body.UserName!, hash)
            ? TypedResults.Created($"/accounts/{Uri.EscapeDataString(body.UserName!)}", new { userName = body.UserName })
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The user name is taken.");
    }

    private static async Task<IResult> LogInAsync(Credentials body, AccountStore store, ICredentialHasher hasher, HttpContext context)
    {
        if (string.IsNullOrEmpty(body.UserName) || string.IsNullOrEmpty(body.Password))
        {
            return Unauthorized(context, "missing-credentials");
        }

        var stored = store.FindHash(body.UserName);
        var result = stored is null
            ? await hasher.VerifyUnknownUserAsync(body.Password, context.RequestAborted) // same cost as a known user
            : await hasher.VerifyAsync(body.Password, stored, context.RequestAborted);

        switch (result.Status)
        {
            case CredentialVerificationStatus.Success:
                return TypedResults.Ok(new { userName = body.UserName, rehashed = false });
            case CredentialVerificationStatus.SuccessRehashNeeded:
                try
                {
                    store.SetHash(body.UserName, await hasher.HashAsync(body.Password, context.RequestAborted));
                }
                catch (HashingOverloadedException)
                {
                    // The login stands; the upgrade happens on a later login.
                    return TypedResults.Ok(new { userName = body.UserName, rehashed = false });
                }

                return TypedResults.Ok(new { userName = body.UserName, rehashed = true });
            case CredentialVerificationStatus.Overloaded:
                return Overloaded(context);
            default:
                // Failed, Malformed, RejectedByPolicy, Unsupported: the same 401 whatever the reason, so a caller
                // learns nothing about the stored hash; the reason is in the logs and metrics.
                return Unauthorized(context, "invalid-credentials");
        }
    }

    private static IResult Unauthorized(HttpContext context, string reason)
    {
        context.ReportSecuritySignal(new SecuritySignal(SecuritySignalKind.AuthenticationFailed, reason));
        return new ProblemResult(StatusCodes.Status401Unauthorized, reason, "The user name or password is wrong.");
    }

    private static IResult Overloaded(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return new ProblemResult(StatusCodes.Status503ServiceUnavailable, "hashing-overloaded", "Too many logins at once; try again shortly.");
    }

    private sealed class ProblemResult(int status, string reason, string title) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => SecureApiProblems.WriteAsync(httpContext, status, reason, title);
    }
}
